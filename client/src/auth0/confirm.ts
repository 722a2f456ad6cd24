/**
 * The confirmations asked before anything is written to a tenant, shared by create and apply: a modal naming what
 * will happen, and the production guard (the tenant's domain, or the connection's name, typed). Tests and other
 * extensions answer them through the commands' arguments (`skipConfirmation`, `confirmText`), checked the same way.
 */
import * as vscode from 'vscode';
import type { Auth0Log } from './log';
import { checkTypedConfirmation, type CreateSummary } from './text';

/** The arguments of a command that sends a document (create, apply): which one, and answers to its confirmations. */
export interface SendArgs {
  /** The document to send (default: the active editor's); an open document's unsaved text is what is sent. */
  uri?: string | vscode.Uri;
  /** In a deploy-cli file: a position inside the item to send (default: the cursor of the editor showing it). */
  position?: { line: number; character: number };
  /** Skips the modal confirmation on a non-production tenant (tests, other extensions). */
  skipConfirmation?: boolean;
  /** For a production tenant: the text that would be typed in the confirmation box (checked the same way). */
  confirmText?: string;
}

export interface TypedPrompt {
  title: string;
  prompt: string;
  placeholder: string;
}

/** True when the domain (or the connection name) was typed: in the input box, or as `confirmText`. */
export async function typedConfirmation(log: Auth0Log, summary: CreateSummary, prompt: TypedPrompt, confirmText: string | undefined): Promise<boolean> {
  if (typeof confirmText === 'string') return checkTypedConfirmation(confirmText, summary) === undefined;
  log.info(`${summary.domain} is marked production: asking for its domain to be typed before sending.`);
  const typed = await vscode.window.showInputBox({
    title: prompt.title,
    prompt: prompt.prompt,
    placeHolder: prompt.placeholder,
    ignoreFocusOut: true,
    validateInput: (text) => (text.trim() === '' ? undefined : checkTypedConfirmation(text, summary)),
  });
  return typed !== undefined && checkTypedConfirmation(typed, summary) === undefined;
}

/** A modal warning with its button (and `more`); the label of the button chosen, if any. */
export async function modalConfirmation(text: { message: string; detail: string; button: string }, ...more: string[]): Promise<string | undefined> {
  return vscode.window.showWarningMessage(text.message, { modal: true, detail: text.detail }, text.button, ...more);
}
