// The labelled images `montage eval images` measures with, all installed by Debian packages and
// read in place (never copied into the repository):
// - the darknet sample photos (package `darknet`, /usr/share/darknet/data), with the COCO objects
//   each one really shows, checked by looking at every photo. `expected` must be found (recall);
//   `alsoPresent` are there too but small or half hidden, so finding them is not a false positive;
//   any other label found is one.
// - custom categories: the Adwaita icon theme's 512 px colour icons (/usr/share/icons/Adwaita/
//   512x512) in three folders (devices, mimetypes, places): 66 different pictures, the category a
//   folder. And the darknet photos, each with seven variants (mirrored, four corner crops, a
//   centre crop, darker) as one category per photo: easy by construction (every held-out image
//   has six siblings of its own photo), so it shows that crops and flips stay together, not that
//   new photos of a subject would be recognised.

export const darknetFolder = '/usr/share/darknet/data';
export const adwaitaFolder = '/usr/share/icons/Adwaita/512x512';

export interface DetectionCase {
  file: string;
  /** Each entry must be found; an entry of several labels is found by any of them. */
  expected: string[][];
  alsoPresent: string[];
}

export const detectionCases: readonly DetectionCase[] = [
  // A dog sitting by a red road bicycle on a porch; a white pickup truck parked behind; a red
  // motorcycle half hidden behind a tree, top left.
  { file: 'dog.jpg', expected: [['dog'], ['bicycle'], ['truck', 'car']], alsoPresent: ['motorcycle', 'car', 'truck'] },
  // Five horses walking across a grassy plain.
  { file: 'horses.jpg', expected: [['horse']], alsoPresent: [] },
  // A person in a blue jacket between a dog (left) and a white horse grazing (right).
  { file: 'person.jpg', expected: [['person'], ['dog'], ['horse']], alsoPresent: [] },
  // A giraffe and a zebra in front of bushes.
  { file: 'giraffe.jpg', expected: [['giraffe'], ['zebra']], alsoPresent: [] },
  // A young bald eagle standing on a shore.
  { file: 'eagle.jpg', expected: [['bird']], alsoPresent: [] },
  // A beach with people walking and kitesurfing, kites in the sky.
  { file: 'kite.jpg', expected: [['person'], ['kite']], alsoPresent: [] },
];

/** The darknet photos used as custom categories (scream.jpg, a painting, included). */
export const photoCategoryFiles = ['dog.jpg', 'eagle.jpg', 'giraffe.jpg', 'horses.jpg', 'kite.jpg', 'person.jpg', 'scream.jpg'];

export const iconCategories = ['devices', 'mimetypes', 'places'];
