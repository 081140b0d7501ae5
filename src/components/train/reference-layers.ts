/**
 * The degradation experiment's reference as its chart draws it: a band and a median line per
 * network, each in its network's colour and dash (lab.css). The element draws them from the start,
 * and the page's server-rendered stand-in lists the same legend, so both read them from here.
 */
import referenceData from '../../lib/train/degradation-reference.json';
import { referenceLayers, type Reference } from '../../lib/train/reference-band';

export const REFERENCE = referenceData as unknown as Reference;

export const REFERENCE_LAYERS = referenceLayers(REFERENCE, {
  'plain-shallow': 'plain shallow',
  'resnet-shallow': 'resnet shallow',
  'plain-deep': 'plain deep',
  'resnet-deep': 'resnet deep',
});
