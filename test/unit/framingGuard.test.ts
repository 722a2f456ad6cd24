/**
 * The framing guard of the stdio server (server/src/node/framingGuard.ts), in-process: what the stdio tests cannot
 * show in reasonable time (a message that stops half-way is only called stalled after 10 s there) and the edges of a
 * well-framed stream that must never be refused (split chunks, several messages in one chunk, other headers).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FramingGuard } from '../../server/src/node/framingGuard';

function framed(body: string): Buffer {
  return Buffer.from(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

function guard(options: { stallMs?: number; maxContentLength?: number } = {}): { guard: FramingGuard; reasons: string[] } {
  const reasons: string[] = [];
  return { guard: new FramingGuard({ onCorrupt: (reason) => reasons.push(reason), ...options }), reasons };
}

test('a well-framed stream passes, however it is cut into chunks', () => {
  const stream = Buffer.concat([
    framed('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"text":"é\\r\\n"}}'),
    Buffer.from('Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n'),
    framed('  {"jsonrpc":"2.0","method":"initialized","params":{}}\n'),
  ]);
  for (const size of [1, 2, 7, 64, stream.length]) {
    const { guard: g, reasons } = guard();
    for (let i = 0; i < stream.length; i += size) g.push(stream.subarray(i, i + size));
    g.dispose();
    assert.deepEqual(reasons, [], `chunks of ${size}`);
  }
});

// The stall timer runs on node:test's mocked clock: "not before" and "never" are asserted at exact times, with no
// waiting on the wall clock.
test('a message that stops half-way is reported once the stall time has passed, not before', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  const { guard: g, reasons } = guard({ stallMs: 50 });
  const message = framed('{"jsonrpc":"2.0","id":1,"method":"shutdown"}');
  g.push(message.subarray(0, message.length - 3));
  t.mock.timers.tick(49);
  assert.deepEqual(reasons, [], 'called stalled before the stall time');
  t.mock.timers.tick(1);
  t.mock.timers.runAll();
  assert.equal(reasons.length, 1);
  assert.match(reasons[0]!, /stopped arriving after \d+ of its \d+ bytes/);
});

test('a message that keeps arriving, slowly, is never called stalled', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  const { guard: g, reasons } = guard({ stallMs: 40 });
  const message = framed('{"jsonrpc":"2.0","id":1,"method":"shutdown"}');
  for (let i = 0; i < message.length; i += 8) {
    g.push(message.subarray(i, i + 8));
    t.mock.timers.tick(30);
  }
  // Whole now: nothing is awaited any more, however long nothing comes.
  t.mock.timers.tick(1000);
  t.mock.timers.runAll();
  g.dispose();
  assert.deepEqual(reasons, []);
});

test('each fault is named', () => {
  const cases: Array<[string, RegExp]> = [
    ['Content-Length: 5\r\n\r\n{"a":1}', /not one JSON message/],
    ['Content-Length: 99999999999\r\n\r\n{}', /larger than/],
    ['Content-Length: x\r\n\r\n{}', /not a number/],
    ['Content-Type: a\r\n\r\n{}', /no Content-Length/],
    ['Content-Length: 2\n\n{}', /LF alone/],
    ['Content-Length: 2\r\r\n{}', /CR without the LF/],
    ['\u0000Content-Length: 2\r\n\r\n{}', /byte 0x00/],
    ['\r\n{}', /empty line/],
    ['garbage\r\n\r\n{}', /is not a header/],
    [`X-${'a'.repeat(2000)}: 1\r\n`, /longer than/],
  ];
  for (const [stream, reason] of cases) {
    const { guard: g, reasons } = guard();
    g.push(Buffer.from(stream));
    g.dispose();
    assert.equal(reasons.length, 1, JSON.stringify(stream));
    assert.match(reasons[0]!, reason);
  }
});
