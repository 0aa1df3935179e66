import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type FieldError } from '../shared/domain-error.js';
import { messageCodeInfo, type MessageCode } from '../shared/error-catalog.js';
import { JsonParseError } from '../shared/exact-json.js';
import { failure } from './envelope.js';

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function send(reply: FastifyReply, errors: readonly FieldError[]): FastifyReply {
  const first = errors[0];
  const status = first === undefined ? 500 : messageCodeInfo(first.messageCode).httpStatus;
  return reply.code(status).type('application/json; charset=utf-8').send(failure(errors));
}

/** Fastify's own errors (body limits, content types) translated to catalog codes. */
function fromFrameworkError(error: FastifyError): FieldError | null {
  const byCode: Record<string, MessageCode> = {
    FST_ERR_CTP_BODY_TOO_LARGE: 'Payload_Too_Large',
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Unsupported_Media_Type',
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Invalid',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'Required',
    FST_ERR_CTP_INVALID_TYPE: 'Unsupported_Media_Type',
  };
  const messageCode = typeof error.code === 'string' ? byCode[error.code] : undefined;
  if (messageCode !== undefined) return { fieldName: 'body', messageCode };
  if (error.statusCode === 404) return { fieldName: '', messageCode: 'Not_Found' };
  if (error.statusCode === 413) return { fieldName: 'body', messageCode: 'Payload_Too_Large' };
  if (error.statusCode === 415) return { fieldName: 'body', messageCode: 'Unsupported_Media_Type' };
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return { fieldName: '', messageCode: 'Invalid' };
  return null;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) return send(reply, error.errors);
    if (error instanceof JsonParseError) {
      // The parser's descriptions never quote the input.
      const message = error.kind === 'syntax' ? `The body is not valid JSON: ${error.message}.` : `The body exceeds a JSON limit: ${error.message}.`;
      return send(reply, [{ fieldName: 'body', messageCode: error.kind === 'syntax' ? 'Malformed_Json' : 'Payload_Too_Large', message }]);
    }
    // Fastify's and its plugins' errors (http-errors from the static files of /docs carry only a status).
    const mapped = fromFrameworkError(error as FastifyError);
    if (mapped !== null) return send(reply, [mapped]);
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, [{ fieldName: '', messageCode: 'Internal_Error' }]);
  });

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url.split('?')[0] ?? '/';
    const allowed = HTTP_METHODS.filter((method) => method !== request.method && app.hasRoute({ method, url }));
    if (allowed.length > 0) reply.header('allow', allowed.join(', '));
    return send(reply, [{ fieldName: '', messageCode: allowed.length > 0 ? 'Method_Not_Allowed' : 'Not_Found' }]);
  });
}
