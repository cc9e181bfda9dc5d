export const planetData = [
    {
        name: 'Sun',
        size: 5,
        distance: 0,
        texture: 'sun.jpg',
        description: 'The Sun is the star at the center of the Solar System. It is a nearly perfect sphere of hot plasma, heated to incandescence by nuclear fusion reactions in its core.',
        distanceFromSun: '0 km (center of the solar system)',
        diameter: '1,392,700 km (109 times Earth)',
        dayLength: '25-35 Earth days (varies by latitude)',
        yearLength: '225-250 million Earth years (orbit around the galaxy)'
    },
    {
        name: 'Mercury',
        size: 0.4,
        distance: 10,
        texture: 'mercury.jpg',
        description: 'Mercury is the smallest and innermost planet in the Solar System. It has no atmosphere to retain heat, causing extreme temperature variations.',
        distanceFromSun: '57.9 million km (0.39 AU)',
        diameter: '4,880 km (0.38 times Earth)',
        dayLength: '176 Earth days',
        yearLength: '88 Earth days'
    },
    {
        name: 'Venus',
        size: 0.9,
        distance: 15,
        texture: 'venus.jpg',
        description: 'Venus is the second planet from the Sun and the hottest planet in our solar system due to its thick atmosphere that traps heat in a runaway greenhouse effect.',
        distanceFromSun: '108.2 million km (0.72 AU)',
        diameter: '12,104 km (0.95 times Earth)',
        dayLength: '243 Earth days (retrograde rotation)',
        yearLength: '225 Earth days'
    },
    {
        name: 'Earth',
        size: 1,
        distance: 20,
        texture: 'earth.jpg',
        description: 'Earth is the third planet from the Sun and the only astronomical object known to harbor life. About 71% of its surface is covered with water.',
        distanceFromSun: '149.6 million km (1 AU)',
        diameter: '12,742 km',
        dayLength: '24 hours',
        yearLength: '365.25 days'
    },
    {
        name: 'Mars',
        size: 0.5,
        distance: 25,
        texture: 'mars.jpg',
        description: 'Mars is the fourth planet from the Sun and the second-smallest planet in the Solar System. It is often referred to as the "Red Planet" due to its reddish appearance.',
        distanceFromSun: '227.9 million km (1.52 AU)',
        diameter: '6,779 km (0.53 times Earth)',
        dayLength: '24 hours 37 minutes',
        yearLength: '687 Earth days'
    },
    {
        name: 'Jupiter',
        size: 2.5,
        distance: 35,
        texture: 'jupiter.jpg',
        description: 'Jupiter is the fifth planet from the Sun and the largest in the Solar System. It is a gas giant with a mass more than two and a half times that of all the other planets combined.',
        distanceFromSun: '778.5 million km (5.2 AU)',
        diameter: '139,820 km (11 times Earth)',
        dayLength: '9 hours 56 minutes',
        yearLength: '11.86 Earth years'
    },
    {
        name: 'Saturn',
        size: 2.2,
        distance: 45,
        texture: 'saturn.jpg',
        description: 'Saturn is the sixth planet from the Sun and the second-largest in the Solar System, after Jupiter. It is known for its prominent ring system, which is composed mainly of ice particles, with a smaller amount of rocky debris and dust.',
        distanceFromSun: '1.4 billion km (9.5 AU)',
        diameter: '116,460 km (9.1 times Earth)',
        dayLength: '10 hours 42 minutes',
        yearLength: '29.5 Earth years'
    },
    {
        name: 'Uranus',
        size: 1.8,
        distance: 55,
        texture: 'uranus.jpg',
        description: 'Uranus is the seventh planet from the Sun. It has the third-largest planetary radius and fourth-largest planetary mass in the Solar System. It is similar in composition to Neptune, and both have bulk chemical compositions which differ from that of the larger gas giants Jupiter and Saturn.',
        distanceFromSun: '2.9 billion km (19.8 AU)',
        diameter: '50,724 km (4 times Earth)',
        dayLength: '17 hours 14 minutes',
        yearLength: '84 Earth years'
    },
    {
        name: 'Neptune',
        size: 1.8,
        distance: 65,
        texture: 'neptune.jpg',
        description: 'Neptune is the eighth and farthest known planet from the Sun in the Solar System. It is the fourth-largest planet by diameter, the third-most-massive planet, and the densest giant planet.',
        distanceFromSun: '4.5 billion km (30.1 AU)',
        diameter: '49,244 km (3.9 times Earth)',
        dayLength: '16 hours 6 minutes',
        yearLength: '165 Earth years'
    }
]; 