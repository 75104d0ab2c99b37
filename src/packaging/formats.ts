/** The artefact formats `package` writes; its own module so input validation loads no packager. */
export const FORMATS = ['tar.gz', 'zip', 'deb'] as const;
export type ArtefactFormat = (typeof FORMATS)[number];
