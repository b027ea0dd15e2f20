/** The workflow type name, declared once; the import service starts it by name without importing workflow code. */
export const contactImportWorkflowType = 'contactImportWorkflow';
export const contactImportWorkflowId = (importId: number) => `contact-import-${importId}`;

export type ContactImportInput = { importId: number; fromBatch?: number };

export type ContactImportActivities = {
  /** Reads the file once: counts its rows and records where each batch begins (kept, so a rerun reads nothing). */
  prepareContactImport(input: { importId: number }): Promise<{ batchCount: number } | { failed: string }>;
  /** Writes one batch of rows in one transaction, recorded under (import, batch): a retry after a crash writes nothing twice. */
  importContactBatch(input: { importId: number; batchIndex: number }): Promise<{ created: number; updated: number; failed: number }>;
  /** Marks the import completed and drops the uploaded file. */
  finishContactImport(input: { importId: number }): Promise<void>;
};
