/** A number as code and spreadsheets write it: optional sign, digits with at most one dot, optional exponent. */
export const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
