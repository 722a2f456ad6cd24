// The walls between the project's parts, enforced by `npm run lint` (and so by `npm test`). One engine, three front
// ends: the engine (engine/) is pure language logic and the language modes (languages/) wrap the libraries; each is
// used only through its public entry (`index.ts`). common/ is below everything. The VS Code client talks to the
// server over LSP and never imports it. A test (test/unit/architecture.test.ts) lints probe imports against these.

const FOLDERS = ['client', 'server', 'cli', 'bench', 'scripts', 'test', 'languages', 'engine', 'common'];

/** A relative import that reaches into `folder` from anywhere below the repository root. */
const into = (folder) => `^(\\.\\./)+${folder}(/|$)`;
/** A relative import of a file inside `folder` other than its public entry. */
const behindEntry = (folder) => `^(\\.\\./)+${folder}/(?!index$).+`;

const LSP_CONNECTION = ['vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageclient', 'vscode-languageclient/node'];
const LANGUAGE_LIBRARIES = ['vscode-json-languageservice', 'yaml-language-server'];

function wall(files, { folders = [], entryOnly = [], packages = [], packagePatterns = [] }, why) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: packages.map((name) => ({ name, message: why })),
          patterns: [
            ...folders.map((folder) => ({ regex: into(folder), message: `${why} (${folder}/ is out of reach)` })),
            ...entryOnly.map((folder) => ({ regex: behindEntry(folder), message: `Import ${folder}/ through its public entry, ${folder}/index.` })),
            ...packagePatterns.map((regex) => ({ regex, message: why })),
          ],
        },
      ],
    },
  };
}

const except = (...allowed) => FOLDERS.filter((folder) => !allowed.includes(folder));

export const walls = [
  wall(['common/**/*.ts'], { folders: except('common'), packages: ['vscode', ...LSP_CONNECTION, ...LANGUAGE_LIBRARIES] },
    'common/ is shared by every side and imports none of them'),
  wall(['engine/**/*.ts'], { folders: except('engine', 'common'), packages: ['vscode', ...LSP_CONNECTION, ...LANGUAGE_LIBRARIES], packagePatterns: ['^yaml-language-server/'] },
    'The engine is pure language logic: no LSP connection, no language-service library, no vscode'),
  wall(['languages/**/*.ts'], { folders: except('languages', 'engine', 'common'), entryOnly: ['engine'], packages: ['vscode', ...LSP_CONNECTION] },
    'The language modes serve the server and the CLI; they know no LSP connection'),
  wall(['server/**/*.ts'], { folders: except('server', 'languages', 'engine', 'common'), entryOnly: ['engine', 'languages'], packages: ['vscode'] },
    'The server speaks LSP to any editor; it never imports the VS Code client or the CLI'),
  wall(['client/**/*.ts'], { folders: except('client', 'engine', 'common'), entryOnly: ['engine'], packages: [...LSP_CONNECTION.slice(0, 2), ...LANGUAGE_LIBRARIES] },
    'The VS Code client talks to the language server over LSP; it imports only common/ and the engine\'s entry'),
  wall(['cli/**/*.ts'], { folders: except('cli', 'languages', 'engine', 'common'), entryOnly: ['engine', 'languages'], packages: ['vscode', ...LSP_CONNECTION] },
    'The CLI runs the engine itself; it imports no editor code'),
  wall(['bench/**/*.ts'], { folders: ['client', 'cli'], entryOnly: ['engine', 'languages'], packages: ['vscode'] },
    'The benchmark measures the server and the language modes through their public surfaces'),
];
