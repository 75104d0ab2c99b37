/** The CLI's exit codes: 0 ok, 1 a failed check or error, 2 a usage error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
