/**
 * Row ids are Postgres `integer`s (serial): 1 … 2³¹−1. A larger number in a path or body names no
 * row, and handing it to a query would make Postgres refuse it (a 500), so it is refused up front.
 */
export const maxDatabaseId = 2_147_483_647;

export const isDatabaseId = (value: number) => Number.isInteger(value) && value >= 1 && value <= maxDatabaseId;
