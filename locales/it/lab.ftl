# Il laboratorio: la pagina, la console, la trascrizione, i diagrammi e la spiegazione.

## La spiegazione di una risposta
explain-label = Spiegazione
explain-empty = Invia un comando, poi seleziona una risposta qualsiasi per vedere cosa significa.
explain-wire-note = La risposta è il testo del server e non viene mai tradotta; questa spiegazione sì.
explain-code = Codice
explain-enhanced = Codice di stato esteso
explain-what-happened = Cosa è successo
explain-rule = Regola
explain-rule-noted = { $rule } ({ $note })
explain-source = Da dove viene questo testo
explain-source-recorded = Registrato dal vero { $server }.
explain-source-transcript = { $server }: copiato da { $from }.
explain-source-none = { $server }: nessuna trascrizione pubblica mostra questa risposta ({ $why }).
explain-closes = Dopo questa risposta il server chiude la connessione.
explain-fix = Prova invece
explain-sequence = Fuori sequenza
explain-sequence-text = Fase della sessione: { $phase }. È arrivato { $got }, mentre il server era in attesa di { $waiting }. In questa fase sono accettati:

## Gli indicatori di stato, sotto la console e sotto il diagramma degli stati
pill-server = Server: { $server }
pill-phase = Fase: { $phase }
pill-tls-on = TLS: attivo
pill-tls-off = TLS: non attivo
pill-login-none = Autenticato: no
pill-login-as = Autenticato: come { $user }
pill-errors = Errori: { $count }

## I diagrammi
diagrams-label = Diagrammi
diagram-sequence = Diagramma di sequenza
diagram-states = Diagramma degli stati
diagram-export-svg = Esporta SVG
diagram-export-png = Esporta PNG
diagram-drawing = Il disegno (scorre sugli schermi piccoli)
diagram-waiting = In attesa di { $waiting }.
diagram-waiting-valid = In attesa di { $waiting }. Validi da qui: { $valid }
states-transaction = transazione di posta
states-closed-note = { $closed } (QUIT da ogni fase)

## Eventi nella trascrizione (cosa è successo alla connessione)
event-connected = Connesso a { $host } (simulato, porta { $port }).
event-not-sent = Non inviato: { $error }. Premi Riconnetti per iniziare una nuova sessione.
event-ready-for-tls = Il server è pronto per TLS. Premi "Avvia handshake TLS", poi invia di nuovo EHLO.
event-delivered = Messaggio { $id } consegnato nella casella di posta di { $user }.
event-relayed = Messaggio { $id } consegnato a un server remoto (inoltrato).
event-server-closed = Il server ha chiuso la connessione.
event-pipelined = { $count ->
    [one] Inviata 1 riga
   *[other] Inviate { $count } righe
} come un unico blocco in pipelining.
event-handshake = Handshake TLS completato (simulato): da qui in poi la connessione è cifrata.
event-client-closed = Hai chiuso la connessione.
event-settings-applied = Impostazioni applicate: una nuova sessione con il nuovo mondo (caselle di posta mantenute).
event-junk-limit = Da qui in poi HELO, EHLO, RSET, NOOP, VRFY ed ETRN contano come errori: sono arrivati più di { $limit } di questi comandi di servizio (smtpd_junk_command_limit di Postfix). Seleziona la risposta qui sopra per saperne di più.
event-waited = L'orologio del laboratorio è andato avanti di { $duration }, senza inviare nulla (simulato: nessuna attesa reale).
duration-seconds = { $n ->
    [one] 1 secondo
   *[other] { $n } secondi
}
duration-minutes = { $n ->
    [one] 1 minuto
   *[other] { $n } minuti
}
duration-hours = { $n ->
    [one] 1 ora
   *[other] { $n } ore
}
notice-branched = Ripreso dal passo { $count }: i passi successivi sono stati scartati.
notice-undo-branch = Annulla: riportali indietro

## La pagina
tagline = Scrivi SMTP a un server di posta simulato. Risponde come { $server } e spiega ogni risposta.
panels-help = Aiuto
panels-label = Pannelli
tab-lessons = Lezioni
tab-explain = Spiegazione
tab-commands = Comandi
tab-codes = Codici di risposta
tab-auth = Strumenti AUTH
tab-mailboxes = Caselle di posta
tab-settings = Impostazioni
pane-explanation = Riquadro della spiegazione
skip-to-command = Vai alla riga di comando
pane-lesson = Riquadro della lezione
embed-open-full = Apri nel laboratorio completo
language-label = Lingua
language-note = Le spiegazioni sono tradotte; le risposte del server restano nel suo inglese, come le invia un server reale.

## Avvisi
notice-link-broken = Non è stato possibile aprire questo link di condivisione: { $why }.
notice-link-opened = Aperta una sessione condivisa ({ $steps ->
    [one] 1 passo
   *[other] { $steps } passi
}), riprodotta fino al punto in cui era stata condivisa.
notice-link-opened-aside = Aperta una sessione condivisa ({ $steps ->
    [one] 1 passo
   *[other] { $steps } passi
}), riprodotta fino al punto in cui era stata condivisa. Il tuo laboratorio è stato messo da parte.
notice-save-unreadable = Non è stato possibile leggere il laboratorio salvato ({ $why }), quindi ne è stato avviato uno nuovo.
notice-message-unreadable = Non è stato possibile rileggere il messaggio che stavi scrivendo ({ $why }), quindi il campo del messaggio riparte vuoto.
notice-file-opened = File del laboratorio aperto ({ $steps ->
    [one] 1 passo
   *[other] { $steps } passi
}). Il laboratorio di prima è stato messo da parte.
notice-download-unreadable = Scarica i dati illeggibili
notice-bring-back = Riprendi il mio laboratorio
notice-dismiss = Chiudi
notice-not-saved = Il laboratorio non viene salvato: { $problem }. Esporta la trascrizione per conservarla.
notice-aside-failed = Non è stato possibile mettere da parte il laboratorio ({ $problem }), quindi non è stato sostituito nulla.
notice-language-failed = Non è stato possibile caricare { $lang } ({ $why }); il laboratorio resta in inglese.
problem-parameter = Parametro '{ $parameter }': { $why }
problem-world-fetch = non è stato possibile caricare { $url }: { $why }.
## Perché un file o un indirizzo non si è potuto leggere (la fine di una frase)
fetch-failed = la richiesta non è riuscita (offline, o bloccata)
# $status: lo stato HTTP, per esempio 404
fetch-status = il server ha risposto { $status }
file-not-text = non è testo
problem-theme = atteso light, dark o auto, trovato '{ $got }'.
problem-lang = l'interfaccia non è disponibile in '{ $got }'; disponibili: { $available }.
problem-profile = profilo di server sconosciuto '{ $got }'; disponibili: { $available }.
problem-seed = atteso un numero intero da 0 a 18446744073709551615, trovato '{ $got }'.
problem-origin = attese origini come https://moodle.example.edu, trovato '{ $got }'.
problem-unknown = non è un parametro che smtplab conosce; vedi docs/embedding.md.
problem-panes = atteso un elenco tra explain, sequence (o none), trovato '{ $got }'.
problem-too-long = più lungo di { $max } caratteri.
problem-script-lines = { $count } comandi; al massimo { $max } vengono eseguiti in anticipo.
problem-lesson-id = atteso l'id di una lezione, come first-message, o un URL .json, trovato '{ $got }'.
problem-flag = atteso 1 o 0, trovato '{ $got }'.
problem-world-encoding = non è base64url (il JSON del mondo, codificato) né un URL .json.
problem-world-not-text = il mondo decodificato non è testo.
problem-world-invalid = il mondo non è valido: { $why }.
problem-url-backslash = l'URL { $what ->
    [lesson] della lezione
   *[world] del mondo
} non può contenere una barra rovesciata: '{ $got }'.
problem-url-other-site = l'URL { $what ->
    [lesson] della lezione
   *[world] del mondo
} deve essere su questo sito ({ $site }); '{ $got }' non lo è.
problem-world-url = atteso un URL .json o il JSON del mondo in base64url, trovato '{ $got }'.
problem-lesson-url = atteso un URL .json o l'id di una lezione, trovato '{ $got }'.

## La trascrizione
transcript-label = Trascrizione
transcript-announcements = Risposte man mano che arrivano
transcript-client = client:
transcript-explain-reply = Spiega questa risposta

## La console
console-label = Console
console-connection = Connessione
console-connect = Connetti
console-reconnect = Riconnetti
console-disconnect = Disconnetti
console-handshake = Avvia handshake TLS
console-clear = Pulisci
wait-menu = Fai passare il tempo
wait-explained = Manda avanti subito l'orologio del laboratorio, senza inviare nulla: il server fa ciò che farebbe nel frattempo (un ritardo di greylisting scade, una sessione inattiva va in timeout).

## La riga di comando e il suo suggerimento
command-input = Comando SMTP
command-placeholder = es. EHLO client.example.org, poi Invio
hint-valid-now = Validi ora:
hint-closed = La connessione è chiusa. Premi Connetti per iniziare una nuova sessione.
hint-auth = Il server attende la risposta in base64 alla sua challenge 334 (* annulla). Gli strumenti AUTH la costruiscono per te.
hint-handshake = Premi "Avvia handshake TLS"; fino ad allora il server non legge nient'altro.
hint-valid-tab = Validi ora: { $valid }. Tab completa.
hint-command-valid = { " " }— valido ora. { $summary }
hint-command-invalid = { " " }— non valido ora. { $summary }
hint-press-tab = Premi Tab per completare.
hint-unknown = { $word } non è un comando SMTP; il server risponderà { $answer }

## L'editor del messaggio (dopo 354)
composer-label = Messaggio (intestazioni, una riga vuota, il corpo)
composer-message = Messaggio
composer-placeholder-body = Il corpo. Una riga con un solo punto termina il messaggio.
composer-keys = Ctrl+Invio (⌘+Invio sul Mac) invia il messaggio.
composer-wire = Cosa viaggia sulla connessione
composer-wire-preview = Anteprima dei byte inviati
composer-raw = Grezzo: invia esattamente ciò che ho scritto (LF isolati, niente dot-stuffing, nessun punto finale)
composer-send-raw = Invia i byte grezzi
composer-send = Invia il messaggio
composer-warning-no-blank-line = Nessuna riga vuota: tutto verrà letto come intestazioni. Lascia una riga vuota prima del corpo.
composer-warning-dot-stuffing = Alle righe che iniziano con un punto ne viene aggiunto un secondo sulla connessione (dot-stuffing); il server lo rimuove.

## Cerca nella trascrizione
find-label = Cerca nella trascrizione
find-at = { $at } di { $count }
find-found = { $count ->
    [one] 1 trovato
   *[other] { $count } trovati
}
find-previous = Risultato precedente
find-next = Risultato successivo
find-copy-all = Copia tutto

## Il diagramma di sequenza
sequence-client = Client
sequence-server = Server
sequence-skipped = { $count ->
    [one] 1 freccia precedente non disegnata
   *[other] { $count } frecce precedenti non disegnate
}
sequence-body = messaggio: { $lines ->
    [one] 1 riga
   *[other] { $lines } righe
}, { $bytes ->
    [one] 1 byte
   *[other] { $bytes } byte
}
sequence-body-end = fine del messaggio ({ $lines ->
    [one] 1 riga
   *[other] { $lines } righe
}, { $bytes ->
    [one] 1 byte
   *[other] { $bytes } byte
}): comprimi
# I nomi delle fasce stanno nel margine stretto accanto al client: al massimo 14 caratteri.
band-greeting = saluto
band-tls = TLS, cifrato
band-transaction = transazione
band-quit = QUIT e chiusura

## Perché non è stato possibile aprire un link di condivisione
link-empty = il link non contiene alcuna sessione
link-too-long = il link è troppo lungo ({ $chars } caratteri; ne vengono letti al massimo { $max })
link-bad-character = il link è danneggiato: il carattere { $at } non fa parte di un link di condivisione
link-cut-short = il link è troncato (mancano gli ultimi caratteri)
link-truncated = il link è troncato: la sessione compressa finisce troppo presto
link-damaged = il link è danneggiato: i suoi dati compressi sono corrotti
link-too-big = una volta decompressi, i dati del link superano { $kb } KB, quindi non è stato aperto
link-not-text = i dati del link non sono testo
link-too-deep = i dati del link sono annidati per più di { $max } livelli, quindi non sono stati letti
link-version = il link è stato creato nel formato di condivisione { $found }; questo smtplab legge il formato { $ours }
link-schema = i dati del link non sono una sessione di smtplab: { $why }
link-too-many-steps = la sessione contiene { $steps } passi; ne vengono riprodotti al massimo { $max }
link-time = gli orari della sessione sono fuori intervallo
link-world = il mondo della sessione non è valido: { $why }
