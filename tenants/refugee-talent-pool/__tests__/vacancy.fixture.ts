/** A complete, valid vacancy, published until well after the tests' clock. */
export function vacancyBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Carpenter for timber-frame houses',
    description: 'We are looking for a carpenter to build timber-frame houses in the Noordoostpolder.',
    location: { city: 'Emmeloord', postcode: '8302 AA', country: 'NL', latitude: 52.71, longitude: 5.75 },
    hours: { min: 32, max: 40 },
    contractType: 'permanent',
    educationLevel: 'vocational',
    publishUntil: '2027-12-31T00:00:00.000Z',
    status: 'published',
    ...overrides,
  };
}
