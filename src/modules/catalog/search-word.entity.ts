import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The vocabulary of the published catalog (unstemmed words), trigram-indexed: search corrects a
 * query word it does not know to its nearest neighbours here (`lether` -> `leather`).
 */
@Entity({ schema: 'catalog', name: 'search_words' })
@Index('search_words_trgm_idx', { synchronize: false })
export class SearchWord {
  @PrimaryColumn('text') word: string;
}
