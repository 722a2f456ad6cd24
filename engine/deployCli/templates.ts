/**
 * Starting texts for the files a deploy-cli document names but that are missing (the quick fix creates them): each
 * custom database script with the signature Auth0 calls it with, and a passwordless email body. They fail loudly
 * until written: a script that pretends to work would let every login through or none.
 */

const SCRIPTS: Readonly<Record<string, { signature: string; doc: string }>> = {
  login: { signature: 'login(email, password, callback)', doc: 'Verify the credentials; call back with the user profile, or a WrongUsernameOrPasswordError.' },
  get_user: { signature: 'getUser(email, callback)', doc: 'Look the user up; call back with the profile, or with nothing when there is no such user.' },
  create: { signature: 'create(user, callback)', doc: 'Store the new user (user.email, user.password); call back with nothing once done.' },
  verify: { signature: 'verify(email, callback)', doc: "Mark the user's email as verified; call back with true once done." },
  change_password: { signature: 'changePassword(email, newPassword, callback)', doc: 'Store the new password; call back with true once done.' },
  delete: { signature: 'remove(id, callback)', doc: 'Delete the user; call back with nothing once done.' },
  change_email: { signature: 'changeEmail(email, newEmail, verified, callback)', doc: 'Change the email address; call back with true once done.' },
};

/** The text of a new custom database script named `scriptName` (`login`, `get_user`, ...). */
export function customScriptTemplate(scriptName: string): string {
  const script = SCRIPTS[scriptName] ?? { signature: `${scriptName.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}(...args)`, doc: `The ${scriptName} script.` };
  const callback = 'arguments[arguments.length - 1]';
  return (
    `// Auth0 custom database script: ${scriptName}. ${script.doc}\n` +
    '// https://auth0.com/docs/authenticate/database-connections/custom-db/templates\n' +
    `function ${script.signature} {\n` +
    `  return ${script.signature.endsWith('callback)') ? 'callback' : callback}(new Error('The ${scriptName} script is not written yet.'));\n` +
    '}\n'
  );
}

/** The text of a new passwordless email body (Liquid, as deploy-cli's examples write it). */
export function emailTemplate(): string {
  return (
    '<!DOCTYPE html>\n<html>\n  <body>\n' +
    '    <p>Your verification code for {{ application.name }} is {{ code }}.</p>\n' +
    '  </body>\n</html>\n'
  );
}
