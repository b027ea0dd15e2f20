// The server's own validator, so the console refuses exactly what the API would refuse.
export * from '../../../../core/domain/custom-attributes';
