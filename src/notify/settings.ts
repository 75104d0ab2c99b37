/** The settings one destination takes (a destinations entry's keys, the action's inputs, the CLI's flags). */
export const DESTINATION_SETTINGS = [
  'webhook-url',
  'slack-token',
  'channel',
  'thread',
  'webhook-secret',
  'smtp-host',
  'smtp-port',
  'smtp-secure',
  'smtp-username',
  'smtp-password',
  'email-from',
  'email-to',
] as const;
