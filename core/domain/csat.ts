/** Ratings 4 and 5 are positive (Chatwoot's satisfaction score). */
export const positiveRatings = [4, 5] as const;
export const csatRatings = [1, 2, 3, 4, 5] as const;

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10000) / 100);

/** The report's figures from counts: responses, surveys sent, the share of each rating. */
export function csatFigures(input: { ratings: Record<number, number>; surveysSent: number }) {
  const responses = csatRatings.reduce((sum, rating) => sum + (input.ratings[rating] ?? 0), 0);
  const positive = positiveRatings.reduce((sum, rating) => sum + (input.ratings[rating] ?? 0), 0);
  return {
    responses,
    surveysSent: input.surveysSent,
    satisfactionScore: percent(positive, responses),
    responseRate: percent(responses, input.surveysSent),
    ratings: Object.fromEntries(csatRatings.map((rating) => [String(rating), input.ratings[rating] ?? 0])) as Record<string, number>,
  };
}
