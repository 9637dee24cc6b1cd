// Parameter schemas of the image operations (filled in by the image-engine work).
export {};
