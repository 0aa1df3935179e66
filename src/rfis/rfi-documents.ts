import type { RfiDocumentView } from './rfi-views.js';
import type { RfiDocumentStore } from './rfi-submission.js';
import type { RfiDocuments } from './rfis-service.js';

/** A request's documents in the documents module (purpose `rfi`, subject = the request id). */
export function rfiDocumentStore(): RfiDocumentStore & RfiDocuments {
  return {
    check() {
      throw new Error('documents module not merged yet');
    },
    count: () => Promise.resolve(0),
    store: () => Promise.reject(new Error('documents module not merged yet')),
    list: () => Promise.resolve([] as RfiDocumentView[]),
  };
}
