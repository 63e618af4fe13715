const EARTH_RADIUS_KM = 6371.0088;

/**
 * SQL for the great-circle distance in km between two points given as SQL expressions in degrees.
 * LEAST(1, ...) guards asin against rounding just above 1 for antipodal points.
 */
export const haversineKm = (lat1: string, lon1: string, lat2: string, lon2: string) =>
  `(2 * ${EARTH_RADIUS_KM} * asin(LEAST(1, sqrt(
      power(sin(radians(${lat2} - ${lat1}) / 2), 2) +
      cos(radians(${lat1})) * cos(radians(${lat2})) * power(sin(radians(${lon2} - ${lon1}) / 2), 2)))))`;
