/** The most any request body may hold; multipart bodies are counted while they stream (multipart.ts). */
export const maxRequestBytes = 40 * 1024 * 1024;
