// Display sizes and distances are scaled for the screen; the facts are real.
export const BODIES = [
  { name: 'Sun', color: 0xffc83d, size: 6, distance: 0, speed: 0, radiusKm: 696340, periodDays: null, tempC: 5505 },
  { name: 'Mercury', color: 0x9e9e9e, size: 0.9, distance: 11, speed: 0.24, radiusKm: 2440, periodDays: 88, tempC: 167 },
  { name: 'Venus', color: 0xe8c27a, size: 1.4, distance: 16, speed: 0.18, radiusKm: 6052, periodDays: 225, tempC: 464 },
  { name: 'Earth', color: 0x3f7fe0, size: 1.5, distance: 22, speed: 0.15, radiusKm: 6371, periodDays: 365.25, tempC: 15 },
  { name: 'Mars', color: 0xd0573a, size: 1.1, distance: 28, speed: 0.12, radiusKm: 3390, periodDays: 687, tempC: -65 },
  { name: 'Jupiter', color: 0xd8a066, size: 3.4, distance: 38, speed: 0.07, radiusKm: 69911, periodDays: 4333, tempC: -110 },
  { name: 'Saturn', color: 0xe3cf8f, size: 2.9, distance: 49, speed: 0.05, radiusKm: 58232, periodDays: 10759, tempC: -140 },
  { name: 'Uranus', color: 0x8fd8e0, size: 2.1, distance: 59, speed: 0.035, radiusKm: 25362, periodDays: 30687, tempC: -195 },
  { name: 'Neptune', color: 0x4062d8, size: 2.0, distance: 68, speed: 0.028, radiusKm: 24622, periodDays: 60190, tempC: -200 },
];
