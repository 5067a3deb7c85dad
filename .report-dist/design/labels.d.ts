/** The LaTeX name of a derived quantity (its key, typeset, when it has no conventional symbol). */
export declare function quantityLabel(name: string): string;
