/**
 * The image and video extension (ANNarchy's `ANNarchy.extensions.image`): populations whose rates
 * are an image or camera frames. Browser-safe: Node.js-only pieces (file decoding, ffmpeg) are
 * imported when first used.
 */
export { ImagePopulation, type ImagePopulationOptions } from './ImagePopulation.js';
export { VideoPopulation } from './VideoPopulation.js';
export type { ImageSource, PixelData, CanvasImageSourceLike } from './sources.js';
export type { Mode as PixelMode } from './pixels.js';
