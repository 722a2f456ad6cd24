/** The custom requests of common/protocol.ts: is a document a connection file, and its diagnostics now. */
import {
  IsConnectionFileRequest,
  ValidateDocumentRequest,
  type IsConnectionFileParams,
  type IsConnectionFileResult,
  type ValidateDocumentParams,
  type ValidateDocumentResult,
} from '../../../common/protocol';
import type { ServerContext } from '../serverContext';
import { describeError } from '../utils/runner';
import type { ValidationHandlers } from './validationHandlers';

export function registerRequestHandlers(context: ServerContext, validation: ValidationHandlers): void {
  const { connection, documents, registry, logger } = context;

  connection.onRequest(IsConnectionFileRequest, (params: IsConnectionFileParams): IsConnectionFileResult => {
    try {
      const document = documents.get(params.uri);
      const served = document ? registry.serve(document) : undefined;
      return { isConnectionFile: served !== undefined, ...(served?.deployCli ? { deployCli: served.deployCli } : {}) };
    } catch (error) {
      logger.error(`Classifying ${params.uri} failed: ${describeError(error)}`);
      return { isConnectionFile: false };
    }
  });

  connection.onRequest(ValidateDocumentRequest, async (params: ValidateDocumentParams): Promise<ValidateDocumentResult> => {
    const document = documents.get(params.uri);
    const served = document ? registry.serve(document) : undefined;
    if (!document || !served) return { served: false, diagnostics: [] };
    try {
      return { served: true, version: document.version, diagnostics: await validation.validate(served) };
    } catch (error) {
      logger.error(`Validating ${params.uri} on request failed: ${describeError(error)}`);
      return { served: true, version: document.version, diagnostics: [] };
    }
  });
}
