/**
 * A strip of short parts between dots or bars, with no sentence's end: a kicker ("Premier League ·
 * Final day", "Local News · Housing"), a score bar ("Manchester City 3-1 West Ham · FT"), a ticker.
 * Page furniture to the classifier, and no place for a name to the detector.
 */
export const STRIP_LINE = /^(?!.*[.!?]["”’)]?\s*$)[^·|•\n]{1,40}(?:\s[·|•]\s[^·|•\n]{1,40}){1,8}$/u;
