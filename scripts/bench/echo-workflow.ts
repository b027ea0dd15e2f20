/** The benchmark's baseline: the cheapest Temporal round trip there is (start, one workflow task, result). */
export async function benchEchoWorkflow(value: number): Promise<number> {
  return value;
}
