import { defineCollection, z } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

/**
 * Lessons extend Starlight's frontmatter with the section of the source document they follow,
 * so the home page can list them in order with one line each.
 */
export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        lesson: z
          .object({
            number: z.number().int().positive(),
            summary: z.string(),
          })
          .optional(),
      }),
    }),
  }),
};
