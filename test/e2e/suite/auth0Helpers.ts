/**
 * What the extension-host tests of the tenant features share: the test-only inspect command, adding the in-process
 * Auth0-like server as the tenant, workspace files, and looking for secrets in every place they must not reach.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, SETTINGS_SECTION } from '../../../common/protocol';
import type { AddTenantResult, Auth0InspectOptions, Auth0InspectResult } from '../../../client/src/auth0/index';
import { FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_DOMAIN, type FakeAuth0 } from '../../fixtures/fakeAuth0Server';
import { assertNoSecretIn } from '../../fixtures/secrets';
import { openInEditor, waitFor, workspaceFile } from './helpers';

export const INSPECT = 'auth0Connections.internal.inspectTenants';
export const API_SOURCE = 'Auth0 API';

export function inspect(options?: Auth0InspectOptions): Thenable<Auth0InspectResult> {
  return vscode.commands.executeCommand<Auth0InspectResult>(INSPECT, options);
}

/** Adds (or replaces) the fake server's tenant, with its loopback overrides. */
export function addFakeTenant(fake: FakeAuth0, extra: Record<string, unknown> = {}): Thenable<AddTenantResult | undefined> {
  return vscode.commands.executeCommand<AddTenantResult | undefined>(Commands.addTenant, {
    domain: FAKE_DOMAIN,
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    production: false,
    apiBaseUrl: fake.apiBaseUrl,
    authBaseUrl: fake.baseUrl,
    ...extra,
  });
}

export async function writeWorkspaceFile(dir: string, name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceFile(dir, name);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

export async function readWorkspaceFile(uri: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
}

/**
 * Opens `uri` in an editor once its document holds what the disk holds: a document VS Code still keeps from
 * earlier follows a write to the disk only after its file watcher reports it.
 */
export async function openSynced(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const editor = await openInEditor(uri);
  const disk = await readWorkspaceFile(uri);
  await waitFor(`${path.basename(uri.path)} to show what the disk holds`, () => editor.document.getText() === disk);
  return editor;
}

export function documentSnapshot(document: vscode.TextDocument): { text: string; version: number; dirty: boolean } {
  return { text: document.getText(), version: document.version, dirty: document.isDirty };
}

export async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

/** Every file under `folder` (recursively). */
function listFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? listFiles(full) : entry.isFile() ? [full] : [];
  });
}

/**
 * Fails when any of `secrets` is in global state, settings, a workspace file, an open document, the output channel
 * or a log file of this extension host. `logged` is a line the output channel must hold by now (so that the right
 * log was searched).
 */
export async function assertNoSecretAnywhere(secrets: ReadonlySet<string>, logged: string): Promise<void> {
  const state = await inspect();
  const places: Array<[string, string]> = [
    ['global state', JSON.stringify(state.globalState)],
    ['the output channel', state.logLines.join('\n')],
    ['settings (auth0Connections)', JSON.stringify(vscode.workspace.getConfiguration(SETTINGS_SECTION))],
  ];
  try {
    places.push(['settings (all)', JSON.stringify(vscode.workspace.getConfiguration())]);
  } catch {
    // Some configuration values may not serialise; the section above is the one we write to.
  }
  for (const uri of await vscode.workspace.findFiles('**/*', undefined, 2000)) {
    places.push([`workspace file ${vscode.workspace.asRelativePath(uri)}`, await readWorkspaceFile(uri)]);
  }
  for (const document of vscode.workspace.textDocuments) {
    places.push([`open document ${document.uri.toString()}`, document.getText()]);
  }
  assert.ok(state.logLines.some((line) => line.includes(logged)), `the log holds no "${logged}": wrong log captured?`);
  // The output channel as written to disk, with every other log file of this extension host.
  const logFiles = await waitFor(`the output channel log file to hold "${logged}"`, () => {
    const files = listFiles(state.logFolder).map((file) => [file, fs.readFileSync(file, 'utf8')] as [string, string]);
    return files.some(([, text]) => text.includes(logged)) ? files : undefined;
  });
  for (const [file, text] of logFiles) places.push([`log file ${path.relative(state.logFolder, file)}`, text]);
  for (const [where, text] of places) assertNoSecretIn(text, secrets, where);
}
