// Deterministic demo and bench catalog: categories in a tree and products with variants, attributes,
// images and stock, built from small vocabularies so that search, facets and typos have something to find.
const ADJECTIVES = ['classic', 'modern', 'rustic', 'vintage', 'sleek', 'cozy', 'rugged', 'elegant', 'compact', 'premium', 'handmade', 'organic'];
const MATERIALS = ['leather', 'cotton', 'wool', 'linen', 'oak', 'walnut', 'steel', 'ceramic', 'glass', 'bamboo', 'silk', 'denim'];
const BRANDS = ['acme', 'northwind', 'globex', 'initech', 'umbrella', 'stark', 'wayne', 'tyrell', 'hooli', 'vandelay'];
const COLOURS = ['black', 'white', 'blue', 'red', 'green', 'grey', 'brown', 'beige'];
const SIZES = ['S', 'M', 'L', 'XL'];

const CATEGORIES = [
  { slug: 'apparel', name: 'Apparel', parent: null, nouns: [] },
  { slug: 'jackets', name: 'Jackets', parent: 'apparel', nouns: ['jacket', 'coat', 'parka'] },
  { slug: 'shirts', name: 'Shirts', parent: 'apparel', nouns: ['shirt', 'blouse', 'tee'] },
  { slug: 'home', name: 'Home', parent: null, nouns: [] },
  { slug: 'furniture', name: 'Furniture', parent: 'home', nouns: ['chair', 'table', 'stool', 'shelf'] },
  { slug: 'kitchen', name: 'Kitchen', parent: 'home', nouns: ['mug', 'bowl', 'plate', 'kettle'] },
  { slug: 'accessories', name: 'Accessories', parent: null, nouns: [] },
  { slug: 'bags', name: 'Bags', parent: 'accessories', nouns: ['bag', 'backpack', 'wallet', 'tote'] },
  { slug: 'watches', name: 'Watches', parent: 'accessories', nouns: ['watch', 'strap'] },
  { slug: 'outdoor', name: 'Outdoor', parent: null, nouns: ['tent', 'lantern', 'blanket', 'flask'] },
];

/** A small deterministic PRNG, so every run seeds the same catalog. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];

/** Product number `i` (0-based) as the admin API takes it, plus the stock of each SKU. */
function productFixture(i, categoryIdBySlug) {
  const rnd = random(i + 1);
  const leaves = CATEGORIES.filter((c) => c.nouns.length);
  const category = leaves[i % leaves.length];
  const noun = pick(rnd, category.nouns);
  const material = pick(rnd, MATERIALS);
  const brand = pick(rnd, BRANDS);
  const name = `${pick(rnd, ADJECTIVES)} ${material} ${noun} ${i + 1}`.replace(/^./, (c) => c.toUpperCase());
  const base = 500 + Math.floor(rnd() * 400) * 50;
  const variantCount = 1 + Math.floor(rnd() * 3);
  const colours = [...COLOURS].sort(() => rnd() - 0.5).slice(0, variantCount);
  const variants = colours.map((colour, v) => ({
    sku: `EMP-${String(i + 1).padStart(6, '0')}-${v + 1}`,
    options: { colour, size: SIZES[v % SIZES.length] },
    price: base + v * 200,
    ...(rnd() < 0.3 ? { compareAtPrice: base + v * 200 + 1000 } : {}),
    weight: 100 + Math.floor(rnd() * 2000),
  }));
  return {
    product: {
      name,
      description: `A ${material} ${noun} by ${brand[0].toUpperCase()}${brand.slice(1)}. Built to last, easy to love.`,
      status: 'published',
      categoryId: categoryIdBySlug[category.slug],
      attributes: { brand, material },
      images: [
        { url: `https://picsum.photos/seed/emporium-${i + 1}/800/800`, alt: name, position: 0 },
        { url: `https://picsum.photos/seed/emporium-${i + 1}-b/800/800`, alt: `${name}, detail`, position: 1 },
      ],
      variants,
    },
    stock: variants.map((v) => ({ sku: v.sku, onHand: rnd() < 0.15 ? 0 : 1 + Math.floor(rnd() * 200) })),
  };
}

const SEARCH_TERMS = [...MATERIALS, ...BRANDS, 'jacket', 'chair', 'mug', 'leather jacket', 'oak table', 'lether', 'wallnut', 'cotton shirt'];
const SUGGEST_PREFIXES = ['cl', 'mod', 'rus', 'vin', 'sle', 'coz', 'rug', 'ele', 'com', 'pre', 'han', 'org', 'classic le', 'modern oa'];

module.exports = { CATEGORIES, productFixture, SEARCH_TERMS, SUGGEST_PREFIXES };
