// The server's own pure module, so the console fills variables exactly as documented (SPEC 4.10).
export * from '../../../../core/domain/canned-variables';
