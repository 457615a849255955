/**
 * Request size limits shared by the API's body reader (respond.ts) and the production server's
 * direct routes (lib/server/direct-routes.ts). No Next.js import here: the server loads this
 * before Next.js has started.
 */

/**
 * The largest JSON body any route takes: far above the biggest form (a whole protocol is tens of
 * kB). Files go as multipart to the import route, which has its own limit.
 */
export const MAX_JSON_BYTES = 1024 * 1024;
