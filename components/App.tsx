import { useLayoutEffect, useRef } from 'preact/hooks';
import type { EntityCardModel, PassageCardModel } from '../core/cards';
import { EntityCard } from './EntityCard';
import { PassageCard } from './PassageCard';

export interface MarginNote {
  key: string;
  text: string;
  top: number;
  left: number;
  /** The widest the note may be where the margin has room (px); the stylesheet's 120 px otherwise. */
  maxWidth?: number;
  /** In the right margin, `left` is where the note starts; in the left (the default), where it ends. */
  side?: 'right';
  /** Under a bar the page keeps on screen (a sticky header) at this scroll: not drawn, so as not to cover it. */
  hidden?: true;
}

export interface UiState {
  theme: 'light' | 'dark';
  card: { key: number; model: EntityCardModel | PassageCardModel; loading?: boolean } | null;
  /** The keyboard cursor: a focusable ring over the current mark. */
  cursor: { key: number; label: string; top: number; left: number; width: number; height: number } | null;
  legend: { markersOn: boolean; opinion: number; reported: number } | null;
  margins: MarginNote[];
  /** A name just muted from its card, with the offer to undo that. */
  muted: { key: number; name: string } | null;
}

export interface UiActions {
  positionCard(el: HTMLElement): void;
  cardEnter(): void;
  cardLeave(): void;
  closeCard(): void;
  mute(id: string, name: string): void;
  undoMute(): void;
  dismissMuted(): void;
  openSource(id: string): void;
  showPassage(start: number): void;
  toggleMarkers(): void;
  closeLegend(): void;
  cursorKey(e: KeyboardEvent): void;
  cursorBlur(e: FocusEvent): void;
}

function cardLabel(model: EntityCardModel | PassageCardModel): string {
  if (model.kind === 'entity') return model.name;
  const label = model.label.charAt(0).toUpperCase() + model.label.slice(1);
  return model.source ? `${label}: ${model.source}` : label;
}

/** Everything Backstory shows on a page, inside its shadow root. Renders state; owns none. */
export function App({ state, actions }: { state: UiState; actions: UiActions }) {
  const cardRef = useRef<HTMLDivElement>(null);
  const cursorRef = useRef<HTMLButtonElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const card = state.card;
  const muteOf = ({ id, name }: EntityCardModel) => (id ? () => actions.mute(id, name) : undefined);
  useLayoutEffect(() => {
    if (cardRef.current) actions.positionCard(cardRef.current);
  }, [card?.key]);
  useLayoutEffect(() => {
    cursorRef.current?.focus({ preventScroll: true });
  }, [state.cursor?.key]);
  // The card that held the focus is gone: the focus goes to the offer to undo, not to the page's start.
  useLayoutEffect(() => {
    undoRef.current?.focus({ preventScroll: true });
  }, [state.muted?.key]);

  return (
    <div class={`bs-root bs-${state.theme}`}>
      {state.margins.map((m) => (
        <span class={m.side === 'right' ? 'bs-margin bs-margin-right' : 'bs-margin'} key={m.key} style={{ top: `${m.top}px`, left: `${m.left}px`, ...(m.maxWidth ? { maxWidth: `${m.maxWidth}px` } : {}), ...(m.hidden ? { visibility: 'hidden' } : {}) }} aria-hidden="true">
          {m.text}
        </span>
      ))}
      {state.cursor && (
        <button
          ref={cursorRef}
          type="button"
          class="bs-cursor"
          aria-label={state.cursor.label}
          aria-haspopup="dialog"
          aria-expanded={card ? 'true' : 'false'}
          style={{ top: `${state.cursor.top}px`, left: `${state.cursor.left}px`, width: `${state.cursor.width}px`, height: `${state.cursor.height}px` }}
          onKeyDown={(e) => actions.cursorKey(e)}
          onBlur={(e) => actions.cursorBlur(e)}
        />
      )}
      {card && (
        <div
          ref={cardRef}
          class="bs-card"
          role="dialog"
          aria-label={cardLabel(card.model)}
          tabIndex={-1}
          onMouseEnter={actions.cardEnter}
          onMouseLeave={actions.cardLeave}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              actions.closeCard();
            }
          }}
        >
          <button type="button" class="bs-close" aria-label="Close" onClick={actions.closeCard}>
            ×
          </button>
          {card.model.kind === 'entity' ? (
            <EntityCard
              model={card.model}
              onMute={muteOf(card.model)}
              onShowPassage={actions.showPassage}
            />
          ) : (
            <PassageCard model={card.model} onOpenSource={card.model.sourceId ? () => actions.openSource((card.model as PassageCardModel).sourceId!) : undefined} />
          )}
        </div>
      )}
      {state.muted && (
        <div
          class="bs-notice"
          role="status"
          key={state.muted.key}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              actions.dismissMuted();
            }
          }}
        >
          <span id="bs-notice-text">“{state.muted.name}” is no longer marked.</span>
          <button ref={undoRef} type="button" class="bs-toggle bs-undo" aria-describedby="bs-notice-text" onClick={actions.undoMute}>
            Undo
          </button>
        </div>
      )}
      {state.legend && (
        <aside class="bs-legend" aria-label="Backstory legend">
          <span class="bs-legend-title">Backstory</span>
          <span class="bs-key bs-key-opinion">Opinion {state.legend.opinion}</span>
          <span class="bs-key bs-key-reported">Reported {state.legend.reported}</span>
          {/* The label says what a press does; no aria-pressed beside it, which would read "Hide markers, pressed". */}
          <button type="button" class="bs-toggle" onClick={actions.toggleMarkers}>
            {state.legend.markersOn ? 'Hide markers' : 'Show markers'}
          </button>
          <button type="button" class="bs-legend-close" aria-label="Close the legend" title="Close the legend (the toolbar button and Alt+Shift+O still switch the markers)" onClick={actions.closeLegend}>
            ×
          </button>
        </aside>
      )}
    </div>
  );
}
