/** Slipway's version; a test keeps it equal to package.json's. */
export const SLIPWAY_VERSION = '0.1.0';
