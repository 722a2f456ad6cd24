/**
 * What an attack run on the built server found (issue 11, items 1-5), each replayed over stdio the way the attack
 * sent it: formatting options the protocol allows but no editor means, a YAML alias bomb, incremental edits outside
 * the document, a document whose keys the YAML service cannot name, and a corrupt or out-of-order message stream.
 * Bounds on time here catch a hang (the server used to run for minutes or forever); they are not speed tests.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import {
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  SelectionRangeRequest,
  type Diagnostic,
  type DocumentSymbol,
  type FormattingOptions,
  type Range,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, hoverText, LspTestClient, within } from './lspClient';
import { frame, initializeRequest, RawStdioServer } from './rawStdio';

const WORKSPACE = '/tmp/auth0-connections-hostile-test';
/** Generous: each of these requests answers in milliseconds; before the fixes they ran for minutes or forever. */
const HANG_MS = 10_000;

async function withClient(body: (client: LspTestClient) => Promise<void>): Promise<void> {
  const client = await LspTestClient.start({ workspaceFolder: WORKSPACE });
  try {
    await body(client);
  } finally {
    await client.stop();
  }
}

/** What the client logged at `type` (1 error, 2 warning) through window/logMessage. */
function logged(client: LspTestClient, type: number): string[] {
  return client.notifications
    .filter((n) => n.method === 'window/logMessage' && (n.params as { type: number }).type === type)
    .map((n) => (n.params as { message: string }).message);
}

/** Opens `text` as a YAML connection file named `name` and awaits its first diagnostics (within the hang bound). */
async function openYaml(client: LspTestClient, name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = fileUri(`${WORKSPACE}/${name}`);
  await client.open(uri, 'yaml', text);
  return { uri, diagnostics: await within(HANG_MS, `diagnostics of ${name}`, client.diagnostics(uri)) };
}

/** Formats the whole document, or `range` of it, with `options` as sent (within the hang bound). */
function format(client: LspTestClient, uri: string, options: Record<string, unknown>, range?: Range): Promise<TextEdit[] | null> {
  const params = { textDocument: { uri }, options: options as unknown as FormattingOptions };
  const request = range
    ? client.connection.sendRequest(DocumentRangeFormattingRequest.type, { ...params, range })
    : client.connection.sendRequest(DocumentFormattingRequest.type, params);
  return within(HANG_MS, `formatting with ${JSON.stringify(options)}`, request);
}

function applied(uri: string, languageId: string, text: string, edits: TextEdit[] | null): string {
  return TextDocument.applyEdits(TextDocument.create(uri, languageId, 1, text), edits ?? []);
}

function longestIndent(text: string): number {
  return Math.max(0, ...text.split('\n').map((line) => line.length - line.trimStart().length));
}

describe('1. formatting options the protocol allows but no editor means', () => {
  const json = '{\n"name": "my-db",\n"strategy": "auth0",\n"options": {"mfa": {"active": true}}\n}\n';
  const yaml = 'name: my-db\nstrategy: auth0\noptions:\n  mfa:\n      active: true\n';

  test('a huge tabSize (1e8, 1e9) formats with a bounded indentation instead of running the server out of memory', async () => {
    await withClient(async (client) => {
      const uri = fileUri(`${WORKSPACE}/format.connection.json`);
      await client.open(uri, 'json', json);
      const whole = await format(client, uri, { tabSize: 1e8, insertSpaces: true });
      const formatted = applied(uri, 'json', json, whole);
      assert.deepEqual(JSON.parse(formatted), JSON.parse(json), 'formatting keeps the content');
      assert.ok(longestIndent(formatted) <= 3 * 16, `three levels indented by at most 16 each; got ${longestIndent(formatted)}`);
      const range = await format(client, uri, { tabSize: 1e9, insertSpaces: true }, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } });
      assert.ok(longestIndent(applied(uri, 'json', json, range)) <= 3 * 16);
      assert.equal(client.process.exitCode, null, 'the server is still running');
    });
  });

  test('YAML gets the same bounds; options of the wrong type or sign fall back to the defaults', async () => {
    await withClient(async (client) => {
      const uri = fileUri(`${WORKSPACE}/format.connection.yaml`);
      await client.open(uri, 'yaml', yaml);
      const huge = await format(client, uri, { tabSize: 1e8, insertSpaces: true, printWidth: 1e9 });
      assert.ok(longestIndent(applied(uri, 'yaml', yaml, huge)) <= 2 * 16);
      const jsonUri = fileUri(`${WORKSPACE}/format2.connection.json`);
      await client.open(jsonUri, 'json', json);
      for (const options of [{ tabSize: -4, insertSpaces: true }, { tabSize: 'four', insertSpaces: 'yes' }, { tabSize: 2.5, insertSpaces: true }]) {
        const formatted = applied(jsonUri, 'json', json, await format(client, jsonUri, options));
        assert.match(formatted, /^ {2}"name"/m, `${JSON.stringify(options)}: two spaces, the default`);
      }
    });
  });

  test('255 nested arrays with tabSize 1000 answer a bounded edit list', async () => {
    await withClient(async (client) => {
      const uri = fileUri(`${WORKSPACE}/nested.connection.json`);
      const nested = `{"name": "x", "strategy": "auth0", "options": ${'['.repeat(250)}${']'.repeat(250)}}`;
      await client.open(uri, 'json', nested);
      const edits = await format(client, uri, { tabSize: 1000, insertSpaces: true });
      const size = JSON.stringify(edits).length;
      // 252 levels indented by at most 16 on ~500 lines: about 1 MB; the attack got 65 MB.
      assert.ok(size < 2_000_000, `answer of ${size} bytes`);
    });
  });
});

/** Nine levels of `&lN [*lM, *lM, ...]`: as written a few hundred bytes, expanded `fanOut ** levels` nodes. */
function aliasBomb(levels: number, fanOut: number): string {
  let text = 'name: bomb\nstrategy: auth0\nmetadata:\n  l0: &l0 [x, x]\n';
  for (let i = 1; i < levels; i++) text += `  l${i}: &l${i} [${Array(fanOut).fill(`*l${i - 1}`).join(', ')}]\n`;
  return text;
}

describe('2. a YAML alias bomb', () => {
  test('the outline lists the document as written: an alias is a leaf naming its anchor, not a copy', async () => {
    await withClient(async (client) => {
      const uri = fileUri(`${WORKSPACE}/bomb.connection.yaml`);
      const text = aliasBomb(9, 6);
      await client.open(uri, 'yaml', text);
      const symbols = (await within(HANG_MS, 'document symbols', client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }))) as DocumentSymbol[];
      const size = JSON.stringify(symbols).length;
      assert.ok(size < 20_000, `the outline of a ${text.length}-byte document is ${size} bytes`);
      const top = symbols.find((s) => s.name === 'metadata');
      const l8 = top?.children?.find((s) => s.name === 'l8');
      assert.equal(l8?.children?.length, 6, 'l8 lists its six items');
      const lines = text.split('\n');
      for (const item of l8?.children ?? []) {
        const { start, end } = item.range;
        assert.equal(start.line, 11, 'each item is where it is written, on the last line');
        assert.equal(lines[11]!.slice(start.character, end.character), '*l7', 'and is the alias as written');
        assert.deepEqual(item.children ?? [], [], 'an alias has no children of its own');
      }
    });
  });

  test('folding and selection ranges answer at once, and other documents are answered meanwhile', async () => {
    await withClient(async (client) => {
      const uri = fileUri(`${WORKSPACE}/bomb2.connection.yaml`);
      // 10^9 nodes expanded: minutes for a walk that follows the aliases.
      const text = aliasBomb(10, 10);
      await client.open(uri, 'yaml', text);
      const other = fileUri(`${WORKSPACE}/other.connection.yaml`);
      await client.open(other, 'yaml', 'name: my-db\nstrategy: auth0\n');
      const folding = client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
      const selection = client.connection.sendRequest(SelectionRangeRequest.type, {
        textDocument: { uri },
        positions: [{ line: 12, character: 12 }, { line: 3, character: 12 }],
      });
      const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: other }, position: { line: 0, character: 1 } });
      assert.ok(await within(HANG_MS, 'hover on another document', hover), 'the other document is answered');
      const folds = await within(HANG_MS, 'folding ranges', folding);
      assert.ok(folds && folds.length > 0 && folds.length <= 12, `one fold per written collection at most; got ${folds?.length}`);
      const lines = text.split('\n').length;
      for (const fold of folds) assert.ok(fold.endLine < lines, `a fold on the lines written: ${JSON.stringify(fold)}`);
      const ranges = await within(HANG_MS, 'selection ranges', selection);
      assert.equal(ranges?.length, 2);
      // On `*l8` (line 12): the alias itself, then its sequence, then outwards; every range is on the lines written.
      let range: typeof ranges[number] | undefined = ranges?.[0];
      assert.equal(range?.range.start.line, 12);
      while (range) {
        assert.ok(range.range.start.line <= 12 && range.range.end.line <= 13, JSON.stringify(range.range));
        range = range.parent;
      }
    });
  });
});

describe('2. an alias bomb where the schema reaches', () => {
  /**
   * The bomb as the value of `strategy`, an enum: the validator turns the whole value into plain data to compare it
   * with each allowed strategy, following every path through the aliases (8 levels of 5 took 1.3 s, 10 of 8 run for
   * minutes).
   */
  function strategyBomb(levels: number, fanOut: number): string {
    let text = 'name: bomb\nstrategy:\n  l0: &l0 [x, y]\n';
    for (let i = 1; i < levels; i++) text += `  l${i}: &l${i} [${Array(fanOut).fill(`*l${i - 1}`).join(', ')}]\n`;
    return text;
  }

  test('diagnostics come at once and say the schema checks are skipped; hover and completion answer', async () => {
    await withClient(async (client) => {
      const { uri, diagnostics } = await openYaml(client, 'strategy-bomb.connection.yaml', strategyBomb(10, 8));
      const note = diagnostics.find((d) => d.code === 'too-large');
      assert.match(note?.message ?? '', /aliases in this file would add [\d,]+ values/, JSON.stringify(diagnostics));
      assert.ok(!diagnostics.some((d) => d.code === 'schema'), 'no schema finding about an alias read as its own text');
      const position = { line: 11, character: 14 };
      await within(HANG_MS, 'hover', client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }));
      await within(HANG_MS, 'completion', client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
      // And the file still gets its documentation where there is some to give.
      const onName = await within(HANG_MS, 'hover on name', client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } }));
      assert.match(hoverText(onName), /The name of the connection/);
      assert.deepEqual(logged(client, 1), []);
    });
  });

  test('an alias inside its own anchor: diagnostics say so, and no request overflows the stack', async () => {
    await withClient(async (client) => {
      // The bracket left open puts `*m` inside the sequence that `&m` names.
      const { uri, diagnostics } = await openYaml(client, 'self-alias.connection.yaml', 'name: my-db\nstrategy: auth0\nmetadata: &m [a: *m\n');
      assert.match(diagnostics.find((d) => d.code === 'too-large')?.message ?? '', /alias inside its own anchor/, JSON.stringify(diagnostics));
      assert.ok(diagnostics.some((d) => d.code === 'syntax'), 'the open bracket is reported');
      const hover = await within(HANG_MS, 'hover', client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } }));
      assert.match(hoverText(hover), /The name of the connection/);
      await within(HANG_MS, 'completion', client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 2, character: 16 } }));
      assert.deepEqual(logged(client, 1), []);
    });
  });

  test('ten thousand aliases are followed, and validated at once', async () => {
    await withClient(async (client) => {
      // Each alias used to be resolved by a walk of the whole document: 76 s for this 70 KB file.
      // One more alias, to an array where a string is wanted: followed, it is reported (read as written, it would not be).
      const text = `name: my-db\nstrategy: auth0\nmetadata:\n  a: &a v\nenabled_clients: &r [one]\noptions:\n  passwordPolicy: *r\nrealms:\n${'  - *a\n'.repeat(10_000)}`;
      const { diagnostics } = await openYaml(client, 'many-aliases.connection.yaml', text);
      assert.ok(!diagnostics.some((d) => d.code === 'too-large'), JSON.stringify(diagnostics.slice(0, 3)));
      assert.ok(diagnostics.some((d) => /Incorrect type\. Expected one of string, null/.test(d.message)), JSON.stringify(diagnostics.slice(0, 5)));
      assert.deepEqual(logged(client, 1), []);
    });
  });

  test('a few aliases are still followed: a value given by an alias is checked like the value it names', async () => {
    await withClient(async (client) => {
      const text = 'name: my-db\nstrategy: auth0\nrealms: &r [one]\noptions:\n  passwordPolicy: *r\n';
      const { diagnostics } = await openYaml(client, 'few-aliases.connection.yaml', text);
      // Followed, `*r` is the array [one] where a string is wanted (the library reports it at the anchor); read as
      // written it would be the string "*r", which is no type error.
      assert.ok(diagnostics.some((d) => /Incorrect type\. Expected one of string, null/.test(d.message)), JSON.stringify(diagnostics));
      assert.ok(!diagnostics.some((d) => d.code === 'too-large'));
    });
  });
});

describe('2. the work of one request is bounded', () => {
  test('selection ranges for thousands of positions in a large YAML file: the first ones computed, one warning', async () => {
    await withClient(async (client) => {
      const uri = fileUri(`${WORKSPACE}/many-positions.connection.yaml`);
      const text = `name: my-db\nstrategy: auth0\nmetadata:\n${Array.from({ length: 4000 }, (_, i) => `  key${i}: value ${i}\n`).join('')}`;
      await client.open(uri, 'yaml', text);
      // ~10 ms per position here: 3000 positions held the server for 30 s.
      const positions = Array.from({ length: 3000 }, (_, i) => ({ line: 3 + i, character: 4 }));
      const ranges = await within(HANG_MS, 'selection ranges', client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri }, positions }));
      assert.equal(ranges?.length, positions.length, 'one answer per position');
      assert.ok(ranges![0]!.parent, 'the first positions expand outwards');
      assert.deepEqual(ranges![2999], { range: { start: positions[2999], end: positions[2999] } }, 'the last ones answer the position itself');
      const warnings = logged(client, 2).filter((m) => m.includes(uri));
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /asked for 3000 positions .* only the first \d+ are computed/);
    });
  });
});

describe('3. incremental edits with ranges outside the document', () => {
  test('are clamped to the document, warned about once, and later requests still answer', async () => {
    await withClient(async (client) => {
      const uri = fileUri(`${WORKSPACE}/edits.connection.json`);
      const text = '{\n  "name": "my-db",\n  "strategy": "auth0"\n}\n';
      await client.open(uri, 'json', text);
      await client.diagnostics(uri);
      const change = async (version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> => {
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
      };
      // Lines 10-11 of a 5-line document, then a character far past the end of line 1: both corrupted the line table.
      await change(2, [{ range: { start: { line: 10, character: 0 }, end: { line: 11, character: 5 } }, text: '\n' }]);
      await change(3, [{ range: { start: { line: 2, character: 999 }, end: { line: 2, character: 999 } }, text: '\n' }]);
      // A valid edit on line 1 after them: the name becomes invalid, and its error must sit exactly on it.
      await change(4, [{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 14 } }, text: ' ' }]);
      const diagnostics: Diagnostic[] = await client.diagnostics(uri, (_d, params) => params.version === 4);
      const onName = diagnostics.find((d) => /name/i.test(d.message) && d.severity === 1);
      assert.deepEqual(onName?.range, { start: { line: 1, character: 10 }, end: { line: 1, character: 17 } }, JSON.stringify(diagnostics));
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } });
      assert.ok(hover, 'hover on strategy answers');
      assert.deepEqual(logged(client, 1), [], 'nothing is logged as an error');
      const warnings = logged(client, 2).filter((m) => m.includes(uri));
      assert.equal(warnings.length, 1, `one warning; got ${JSON.stringify(warnings)}`);
      assert.match(warnings[0]!, /outside the document/);
    });
  });
});

describe('4. a YAML key the schema validator cannot name', () => {
  // The attack's document: two byte-order marks (the second is text, so the whole line becomes one odd block map
  // whose last key is empty) and an unclosed `[[[` inside options.
  const attack =
    '\ufeff\ufeff{ "options": { "c[[[lient_id": "123456", "client_secret": "123456", "scope": [ "email" ] }, "strategy": "oauth2" }';
  for (const [what, text] of [
    ['two BOMs and an unclosed [[[ inside options', attack],
    ['an empty key', 'name: my-db\nstrategy: auth0\n: orphan\n'],
  ] as const) {
    test(`${what}: hover answers, nothing is thrown, and the document still gets its diagnostics`, async () => {
      await withClient(async (client) => {
        const uri = fileUri(`${WORKSPACE}/keys.connection.yaml`);
        await client.open(uri, 'yaml', text);
        const diagnostics = await client.diagnostics(uri);
        assert.ok(diagnostics.length > 0, 'the problems are reported, not swallowed');
        const lines = text.split('\n');
        for (let line = 0; line < lines.length; line++) {
          for (let character = 0; character <= lines[line]!.length; character += 3) {
            await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } });
          }
        }
        assert.deepEqual(logged(client, 1), [], 'no request failed');
      });
    });
  }
});

describe('found by the fuzz suite', () => {
  test('completion on a document that opens with a long run of spaces answers at once', async () => {
    await withClient(async (client) => {
      // The "is this file empty but for comments?" check was a regular expression that backtracks exponentially
      // on whitespace (`^(\s*(#[^\n]*)?\n?)*$`): 28 spaces held the server for 11 s, 40 would for days.
      for (const [format, text] of [['json', `\n${' '.repeat(40)}cq"name": "x"}`], ['yaml', `${' '.repeat(40)}x\n`]] as const) {
        const uri = fileUri(`${WORKSPACE}/spaces.connection.${format}`);
        await client.open(uri, format, text);
        const position = { line: 0, character: 2 };
        await within(HANG_MS, `${format} completion`, client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }));
        await client.close(uri);
      }
    });
  });
});

describe('5. a corrupt or out-of-order message stream', () => {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.connection.json' }, position: { line: 0, character: 0 } } });
  const faults: Array<[string, Buffer]> = [
    ['a Content-Length too small', Buffer.from(`Content-Length: ${body.length - 5}\r\n\r\n${body}`)],
    ['a Content-Length too large, then the next message', Buffer.concat([Buffer.from(`Content-Length: ${body.length + 20}\r\n\r\n${body}`), frame(body)])],
    ['no Content-Length', Buffer.from(`Content-Type: application/vscode-jsonrpc\r\n\r\n${body}`)],
    ['a non-numeric Content-Length', Buffer.from(`Content-Length: twelve\r\n\r\n${body}`)],
    ['a Content-Length of 1e12', Buffer.from(`Content-Length: 1000000000000\r\n\r\n${body}`)],
    ['LF-only separators', Buffer.from(`Content-Length: ${body.length}\n\n${body}`)],
    ['NUL bytes', Buffer.concat([Buffer.alloc(16), frame(body)])],
    ['random bytes', Buffer.concat([Buffer.from([0x9f, 0x13, 0xee, 0x41, 0x0a, 0xff, 0x7b, 0x22]), frame(body)])],
  ];
  for (const [what, bytes] of faults) {
    test(`${what}: the server exits with a clear message instead of going deaf`, async () => {
      const server = new RawStdioServer();
      try {
        server.send(initializeRequest(1));
        await server.response(1);
        server.write(bytes);
        const exit = await server.exited(HANG_MS);
        assert.equal(exit.code, 1);
        assert.match(server.stderr, /message stream from the client is corrupt/);
        assert.match(server.stderr, /restart/);
      } finally {
        server.kill();
      }
    });
  }

  test('a request before initialize gets ServerNotInitialized; one after shutdown gets InvalidRequest; exit still exits', async () => {
    const server = new RawStdioServer();
    try {
      const hover = { method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x.connection.json' }, position: { line: 0, character: 0 } } };
      server.send({ jsonrpc: '2.0', id: 1, ...hover });
      assert.equal((await server.response(1)).error?.code, -32002);
      server.send(initializeRequest(2));
      assert.ok((await server.response(2)).result);
      server.send({ jsonrpc: '2.0', id: 3, ...hover });
      assert.equal((await server.response(3)).error, undefined, 'answered normally once initialized');
      server.send({ jsonrpc: '2.0', id: 4, method: 'shutdown' });
      assert.equal((await server.response(4)).error, undefined);
      server.send({ jsonrpc: '2.0', id: 5, ...hover });
      assert.equal((await server.response(5)).error?.code, -32600);
      server.send({ jsonrpc: '2.0', method: 'exit' });
      assert.equal((await server.exited(HANG_MS)).code, 0);
    } finally {
      server.kill();
    }
  });
});
