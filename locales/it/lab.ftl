# Il laboratorio: la pagina, la console, la trascrizione, i diagrammi e la spiegazione.
