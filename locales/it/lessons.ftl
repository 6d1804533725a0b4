# Le lezioni e gli scenari: l'elenco, una lezione in corso, il suo riepilogo.
# I testi delle lezioni (titoli, obiettivi, suggerimenti…) sono nei file delle lezioni;
# qui ci sono le parole intorno a loro. Righe di "Mostrami" e risposte non si traducono.

## Lezioni: aprirle
lesson-progress-unreadable = Non è stato possibile leggere i tuoi progressi in questa lezione ({ $why }), quindi la lezione ricomincia dall'inizio.
lesson-url-invalid = Parametro 'lesson': { $url } non è una lezione valida: { $why }
lesson-url-failed = Parametro 'lesson': impossibile caricare { $url }: { $why }.
lesson-unknown = Parametro 'lesson': lezione sconosciuta '{ $id }'.
scenario-unknown = Parametro 'scenario': scenario sconosciuto '{ $id }'.
lessons-load-failed = Impossibile caricare le lezioni: { $why }.
lesson-open-failed = Impossibile aprire "{ $title }": { $why }
# Il file di lezione di un docente: $name è il nome del file; $why resta in inglese (per
# i docenti: il percorso del campo e cosa c'è di sbagliato).
lesson-file-invalid = { $name } non è una lezione valida: { $why }
lesson-file-too-big = { $name } è troppo grande per una lezione (al massimo 1 MB).
lesson-file-unreadable = Impossibile leggere { $name }: { $why }.
# La lezione di un docente seguita prima di ricaricare la pagina, che non si legge più.
lesson-saved-invalid = La lezione che stavi seguendo non è una lezione valida: { $why }

## L'elenco delle lezioni e degli scenari
lessons-label = Lezioni
lessons-lead = Le lezioni guidate si correggono da sole mentre scrivi. Ogni lezione avvia una sessione tutta sua; quando ne esci, il tuo laboratorio torna com'era.
lessons-loading = Caricamento delle lezioni…
lessons-heading = Lezioni
lessons-scenarios-heading = Scenari: guasti reali in un clic
# L'avanzamento di una lezione, accanto al suo nome.
lessons-done = Completata
lessons-passed = { $passed ->
    [one] { $passed } passo
   *[other] { $passed } passi
} su { $count }
lessons-steps = { $count ->
    [one] { $count } passo
   *[other] { $count } passi
}
lessons-open-file = Apri un file di lezione…
lessons-reset-all = Azzera tutti i progressi…
lessons-reset-all-label = Azzera tutti i progressi
lessons-reset-all-question = Vuoi cancellare i tuoi progressi in tutte le lezioni? Il tuo laboratorio resta com'è.
lessons-reset-all-confirm = Azzera tutte le lezioni
lessons-cancel = Annulla

## Una lezione o uno scenario in corso: l'intestazione
lesson-kind-lesson = Lezione
lesson-kind-scenario = Scenario
# Il nome dell'articolo, per i lettori di schermo.
lesson-label = Lezione: { $title }
lesson-scenario-label = Scenario: { $title }
lesson-leave = Esci dalla lezione
lesson-leave-scenario = Esci dallo scenario
lesson-start-again = Ricomincia…
lesson-start-again-label = Ricomincia
lesson-start-again-question = Vuoi cancellare i tuoi progressi in questa lezione e ricominciarla?
lesson-reset = Azzera questa lezione

## Una lezione in corso: l'introduzione, il passo attuale, cosa hai imparato
lesson-intro = Introduzione
# $learned: cosa ha insegnato il passo, dalla lezione.
# Il testo di $learned è una frase intera, con la maiuscola: dopo un punto, non dopo i due punti.
lesson-step-passed = Passo { $step } superato. { $learned }
lesson-step = Passo { $step } di { $count }
lesson-progress-label = Avanzamento della lezione
lesson-progress-text = { $step } di { $count }
lesson-hints-label = Suggerimenti
# Il pulsante che mostra il suggerimento successivo.
lesson-hint = Suggerimento ({ $number } di { $count })
lesson-show-me = Mostrami
lesson-solution-lead = La soluzione, una riga alla volta (ogni pulsante inserisce la riga nel campo di input; premi Invio per inviarla):
lesson-fill-line = Inserisci
lesson-fill-message = Inserisci il messaggio
lesson-learned-heading = Cosa hai imparato
lesson-learned-label = Passi superati
# Dopo l'ultimo passo superato, per i lettori di schermo.
lesson-just-passed = (appena superato)

## Uno scenario in corso
lesson-scenario-intro-label = Cosa riproduce
lesson-scenario-advice = Cosa dovrebbe fare un client reale
lesson-scenario-try = Ora la console è connessa a questo server: provalo.

## Il riepilogo alla fine di una lezione
lesson-complete = Lezione completata
lesson-summary-commands = Comandi
lesson-summary-errors = Errori incontrati
lesson-summary-hints = Suggerimenti usati
lesson-summary-time = Tempo impiegato
lesson-budget-within = { $commands } su un budget di { $budget }: entro il budget
lesson-budget-over = { $commands }, oltre il budget di { $budget }
lesson-next = Lezione successiva: { $title }
# Quanto è durata la lezione.
lesson-duration-seconds = { $seconds } s
lesson-duration-minutes = { $minutes } min { $seconds } s
lesson-duration-hours = { $hours } h { $minutes } min

## La barra sopra la console mentre segui una lezione
lesson-bar-label = Lezione in corso
# $goal: l'obiettivo del passo attuale, dalla lezione.
lesson-bar-step = Passo { $step } di { $count }: { $goal }
lesson-bar-open = Apri la lezione
