# I pannelli: riferimenti, strumenti, caselle di posta, impostazioni, condivisione, lezioni.

## Il riferimento dei comandi (scheda Comandi)
commands-label = Riferimento dei comandi
commands-valid = valido ora
commands-invalid = non valido ora
# Seguito dal comando di esempio, es. "Inserisci EHLO client.example.org"
commands-insert = Inserisci

## Il riferimento dei codici di risposta (scheda Codici di risposta)
codes-search = Cerca nelle risposte
    .aria-label = Cerca tra i codici di risposta
    .placeholder = es. 503, relay, 5.1.1
codes-label = Codici di risposta
codes-code = Codice
# $server: il server di cui sono elencati i testi ("Postfix 3.7")
codes-text = Testo ({ $server })
codes-meaning = Significato

## Gli strumenti per AUTH (PLAIN, base64 per LOGIN, CRAM-MD5)
auth-credentials = Credenziali
auth-user = Utente
auth-password = Password
auth-insert = Inserisci
auth-plain-label = Generatore di AUTH PLAIN
auth-authzid = Identità di autorizzazione (facoltativa)
    .aria-label = Identità di autorizzazione
auth-plain-message = Messaggio:
auth-nul = Byte NUL
auth-plain-nul-note = (ogni \0 è un byte NUL; nota quello iniziale)
auth-base64 = Base64:
auth-base64-label = Base64
auth-base64-title = Base64 (per AUTH LOGIN)
auth-text = Testo
    .aria-label = Testo da codificare
auth-encoded = Codificato:
auth-base64-input = Base64
    .aria-label = Base64 da decodificare
auth-decoded = Decodificato:
auth-not-base64 = (base64 non valido)
auth-cram-label = Calcolatore CRAM-MD5
auth-cram-title = CRAM-MD5, passo per passo
auth-challenge = Challenge (invia AUTH CRAM-MD5 per riceverne una)
    .aria-label = Challenge
auth-cram-decode = Decodifica la challenge del 334:
auth-cram-hmac = HMAC-MD5, con la password come chiave:
auth-cram-join = Utente, spazio, digest esadecimale:
auth-cram-base64 = Il tutto in base64:

## Le caselle di posta: i messaggi consegnati a ogni utente
mailboxes-no-subject = (nessun oggetto)
# $sender: il mittente della busta tra parentesi angolari; $id: l'ID di coda
mailboxes-from = da { $sender } · { $id }
mailboxes-of = Casella di posta di { $user }
# Il titolo di una casella: l'utente e quanti messaggi contiene
mailboxes-heading = { $user } ({ $count })
mailboxes-message = Messaggio
mailboxes-envelope = Busta (envelope)
mailboxes-headers = Intestazioni (header)
mailboxes-body = Corpo
    .aria-label = Corpo del messaggio
mailboxes-source = Sorgente del messaggio

## Impostazioni: il server che risponde
server-label = Server che risponde
# Dopo la frase che dice da dove vengono i testi del profilo
server-note = Se scegli un altro server, la connessione riparte; i tuoi utenti e la loro posta restano.

## Impostazioni: il mondo
settings-label = Impostazioni del mondo
settings-host = Nome host
    .aria-label = Nome host
settings-users = Utenti, uno per riga nella forma nome:password (senza password: riceve soltanto posta)
    .aria-label = Utenti
settings-size = Limite di dimensione del messaggio (byte)
    .aria-label = Limite di dimensione del messaggio
settings-recipients = Destinatari per messaggio
    .aria-label = Limite di destinatari
settings-policies = Criteri
settings-helo-required = Richiedi HELO/EHLO prima di MAIL
settings-vrfy = VRFY abilitato
settings-starttls = Offri STARTTLS
settings-auth-after-tls = AUTH solo dopo TLS
settings-relay = Fai da relay per i client autenticati
settings-greylisting = Greylisting
settings-greylisting-delay = Secondi per cui rimandare ogni nuova coppia mittente-destinatario (Postfix con postgrey; vuoto: disattivato)
    .aria-label = Ritardo del greylisting
settings-seed = Seed (ID di coda, challenge CRAM-MD5)
    .aria-label = Seed
settings-apply = Applica e riconnetti
# $value: ciò che è stato scritto, tra virgolette
settings-error-size = limite di dimensione del messaggio: { $value } non è un numero intero
settings-error-recipients = destinatari per messaggio: { $value } non è un numero intero
settings-error-greylisting = ritardo del greylisting: { $value } non è un numero intero
settings-error-seed = seed: { $value } non è un numero intero
# $why: che cosa non va (una frase che comincia con il campo)
settings-invalid = Impostazioni non applicate: { $why }

## Impostazioni: regole di guasto
rules-legend = Regole di guasto
rules-none = Nessuna: il server risponde come Postfix. Aggiungi una regola per farlo fallire di proposito.
rules-command = Comando
    .aria-label = Comando della regola
rules-command-any = qualsiasi
rules-address = Pattern dell'indirizzo
    .aria-label = Pattern dell'indirizzo della regola
rules-nth = Solo l'occorrenza numero
    .aria-label = Occorrenza della regola
rules-percent = Probabilità %
    .aria-label = Probabilità della regola
rules-effect = Poi
    .aria-label = Effetto della regola
rules-effect-reply = rispondi con
rules-effect-delay = ritarda la risposta
rules-effect-disconnect = chiudi la connessione
rules-code = Codice
    .aria-label = Codice di risposta della regola
rules-enhanced = Codice esteso
    .aria-label = Codice di stato esteso della regola
rules-text = Testo
    .aria-label = Testo della risposta della regola
rules-ms = Millisecondi
    .aria-label = Ritardo della regola
rules-add = Aggiungi regola
rules-remove = Rimuovi
    .aria-label = Rimuovi la regola { $number }
# Una regola a parole: "RCPT per bob@* (solo l'occorrenza numero 2, con probabilità 50%): risponde 451 4.3.0 Error: …"
rules-rule = { $what }: { $then }
rules-rule-when = { $what } ({ $when }): { $then }
rules-any-command = qualsiasi comando
rules-for-address = { $what } per { $pattern }
rules-when-nth = solo l'occorrenza numero { $n }
rules-when-percent = con probabilità { $percent }%
# $reply: la riga di risposta, mai tradotta
rules-then-reply = risponde { $reply }
rules-then-delay = risponde normalmente, { $ms } ms dopo
rules-then-disconnect = chiude la connessione senza rispondere
# Cosa c'è di sbagliato nel modulo; $field è il campo della regola come lo chiama il motore (then.code, nth)
rules-not-number = { $field }: { $value } non è un numero intero
rules-too-large = { $field }: valore troppo grande
rules-code-needed = { $field }: serve un codice di risposta, per esempio { $example }
rules-enhanced-invalid = { $field }: { $value } non è nella forma classe.oggetto.dettaglio, per esempio { $example }
rules-percent-max = { $field }: al massimo { $max }
# $why: che cosa non va (una frase che comincia con il campo)
rules-invalid = Regola non valida: { $why }

## Che cosa non va in un mondo o in una regola, secondo il motore. $field: il campo
## sbagliato, come lo chiama il JSON del mondo (users[2].name), lasciato com'è.
world-host-name = { $field }: «{ $name }» non è un nome di host
world-user-name = { $field }: «{ $name }» non è un nome utente (niente spazi, niente @)
world-user-twice = { $field }: «{ $name }» compare due volte
world-alias-empty = { $field }: l'alias «{ $name }» non ha membri
world-no-recipients = { $field }: deve essere almeno 1
world-line-length = { $field }: da { $min } a { $max }
world-too-many-rules = { $field }: al massimo { $max } regole
world-greylisting-too-long = { $field }: al massimo { $max } secondi (35 giorni)
# $server: il nome del server, per esempio Postfix 3.7
world-notice-unsupported = { $field }: { $server } manda un saluto di una sola riga; solo Exim manda un avviso prima del saluto
world-notice-lines = { $field }: al massimo { $max } righe
world-notice-line = { $field }: al massimo { $max } caratteri, senza a capo né caratteri di controllo
rule-nth-zero = { $field }: si conta da 1
rule-percent = { $field }: al massimo { $max }
rule-empty-pattern = { $field }: un modello vuoto non corrisponde a nulla; omettilo per accettare qualsiasi indirizzo
rule-pattern-too-long = { $field }: al massimo { $max } caratteri
rule-not-a-code = { $field }: { $code } non è un codice di risposta SMTP (da 200 a 599)
rule-asks-for-input = { $field }: { $code } chiede altri dati al client; una regola può rispondere 2xx, 4xx o 5xx
rule-enhanced-class = { $field }: la classe { $class } del codice esteso non corrisponde al codice { $code }
rule-text = { $field }: una riga da 1 a { $max } caratteri
rule-delay = { $field }: al massimo { $max } ms (un'ora)

## Condividi / salva: un link che riproduce la sessione, e il laboratorio in un file
share-menu = Condividi / salva
share-link = Link che riproduce questa sessione
share-link-length = { $count ->
    [one] 1 carattere.
   *[other] { $count } caratteri.
}
share-link-note = Contiene il mondo, il seed e tutti i passi: chi lo apre rivede la sessione, anche offline.
share-copy = Copia il link
share-copied = Copiato
share-save = Salva l'intero laboratorio in un file
share-open = Apri un file di laboratorio
share-bring-back = Riporta il laboratorio messo da parte ({ $steps ->
    [one] 1 passo
   *[other] { $steps } passi
}); questo viene messo da parte al suo posto
# $mb,$tenth: la dimensione del file in MB, con un decimale
share-file-too-big = { $name } è troppo grande per un file di laboratorio ({ $mb },{ $tenth } MB; al massimo { $max } MB).
share-file-not-lab = { $name } non è un file di laboratorio di smtplab: { $why }.
share-file-unreadable = Impossibile leggere { $name }: il browser non riesce a leggerlo come testo.

## Esporta / importa la trascrizione (i file restano in inglese)
export-menu = Esporta / importa
export-swaks = Testo (stile swaks)
export-cs = Testo (C:/S:)
export-json = JSON
export-import = Riesegui una trascrizione C:/S:
    .placeholder = Incolla una trascrizione: le sue righe C: vengono inviate di nuovo a questo server
export-replay = Riesegui
# $example: una riga del client in una trascrizione, mai tradotta
export-no-client-lines = Nessuna riga del client trovata: una trascrizione contiene righe come `{ $example }`.

## Il banner di aggiornamento
update-ready = È pronta una nuova versione di smtplab.
update-reload = Ricarica per aggiornare
update-updating = Aggiornamento in corso…

## La cronologia: tornare indietro nella sessione
timeline-label = Cronologia
timeline-back = Passo indietro
timeline-forward = Passo avanti
timeline-step = Passo
timeline-live = Torna alla sessione attuale
timeline-replay = Riproduci
timeline-speed = Velocità
    .aria-label = Velocità di riproduzione
timeline-speed-option = { $count ->
    [one] 1 passo/s
   *[other] { $count } passi/s
}
timeline-viewing = Stai guardando il passo { $step } di { $count }: scrivi un comando per ripartire da qui
timeline-live-steps = Sessione attuale: { $count ->
    [one] 1 passo
   *[other] { $count } passi
}
