// The server's own escaping (core/domain/html.ts), so mail and the console escape the same way.
export * from '../../../../core/domain/html';
