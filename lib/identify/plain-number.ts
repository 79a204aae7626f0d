/**
 * A number as code and spreadsheets write it: optional sign, digits with at most one dot, optional exponent.
 * Each part can match a character in one way only (no `\d+\.?\d*`, which reads "123" in many ways and takes
 * quadratic time to refuse a long run of digits followed by a letter).
 */
export const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
