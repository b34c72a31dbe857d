/** Whole days from one instant to a later one (what "days to response" and notice periods count). */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}
