/** Hot paths of the other services; each returns [] when its service is not running. */
export async function serviceScenarios(_context) {
  return [];
}
