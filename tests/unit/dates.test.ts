import { describe, expect, it } from 'vitest';
import { isoDateFromText } from '../../core/text/dates';

describe('isoDateFromText', () => {
  it('reads the dates news pages write', () => {
    expect(isoDateFromText('6 June 2024, updated 15:20 CET')).toBe('2024-06-06');
    expect(isoDateFromText('Published March 27, 2024, 6:15 a.m.')).toBe('2024-03-27');
    expect(isoDateFromText('Sept. 3, 2025')).toBe('2025-09-03');
    expect(isoDateFromText('1st August 2024')).toBe('2024-08-01');
    expect(isoDateFromText('2024-02-29T10:00')).toBe('2024-02-29');
    expect(isoDateFromText('Monday 30 November 2026')).toBe('2026-11-30');
  });

  it('gives nothing for text without a full, real date', () => {
    for (const t of ['Economy', 'June 2024', '31 June 2024', '29 February 2023', 'Mayday 12 2024', 'updated 15:20 CET', ''])
      expect(isoDateFromText(t), t).toBeUndefined();
  });
});
