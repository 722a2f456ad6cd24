/** What the process exit code tells a script or a CI job. */
export const ExitCode = {
  /** validate: no errors (no warnings either with --strict). create: the connection was created. */
  Ok: 0,
  /** validate: errors found. create: refused (errors in the document, declined) or rejected by Auth0, or uncertain. */
  Failed: 1,
  /** Usage or I/O: bad arguments, missing or unreadable files, nothing matched, a document that does not parse. */
  Usage: 2,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A problem with how the command was called; printed as is (no stack trace), exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
