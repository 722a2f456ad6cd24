/**
 * Whether a document is read as JSON or YAML. The file extension decides when it names one: clients do send a wrong
 * `languageId` (eglot 1.9 sends `yaml` for every file of a server entry that lists YAML and JSON modes; Emacs 28
 * opens `.json` in `js-mode`), and reading a `.json` file as YAML would format it into YAML flow style. The
 * `languageId` decides only for documents without such an extension (untitled buffers, extension-less paths, other
 * extensions that a `files` glob names).
 */
import { formatFromPath } from '../../common/fileMatching';
import type { DocumentFormat } from './engine/documentTree';

export function documentFormat(path: string, languageId: string): DocumentFormat | undefined {
  const byExtension = formatFromPath(path);
  if (byExtension) return byExtension;
  switch (languageId) {
    case 'json':
    case 'jsonc':
      return 'json';
    case 'yaml':
      return 'yaml';
    default:
      return undefined;
  }
}
