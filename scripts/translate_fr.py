"""Fill resources/translations/moderator_app_fr.ts from the table below, then compile it with lrelease.

Workflow: `pyside6-lupdate moderator_app/ui/*.py moderator_app/player/*.py -ts resources/translations/moderator_app_fr.ts`
extracts new strings; add their French here; run `python scripts/translate_fr.py`. A test fails when a string
shipped in the interface has no French.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

FR: dict[str, str] = {
    "Erase": "Effacer",
    "Erase this person's data…":
        'Effacer les données de cette personne…',
    "Erase this person's data":
        'Effacer les données de cette personne',
    'Submission {id} will be erased everywhere in this cache:':
        'L’envoi {id} sera effacé partout dans ce cache :',
    '• the record (names, e-mail, phone, message) and {n} clip file(s)':
        '• la fiche (noms, e-mail, téléphone, message) et {n} fichier(s) vidéo',
    '• check results and fingerprints: {n}':
        '• résultats des contrôles et empreintes : {n}',
    '• the notes of {n} decision(s); who decided what and when is kept':
        '• les notes de {n} décision(s) ; qui a décidé quoi et quand est conservé',
    '• {n} decision(s) not yet on the platform: sent first if the platform answers, else dropped':
        '• {n} décision(s) pas encore sur la plateforme : envoyées d’abord si la plateforme répond, sinon abandonnées',
    '• spot {spot}: slot {n} is emptied; the spot cannot be exported until it is refilled':
        '• spot {spot} : l’emplacement {n} est vidé ; le spot ne peut pas être exporté tant qu’il n’est pas rempli',
    '• master {path} (in the data folder) is deleted':
        '• le master {path} (dans le dossier de données) est supprimé',
    'These masters carry the message and are outside the data folder: delete them by hand:':
        'Ces masters contiennent le message et sont hors du dossier de données : supprimez-les à la main :',
    'Only a tombstone stays (id, date, reason), so no sync brings it back. This cannot be undone.':
        'Seule une trace reste (identifiant, date, motif), pour qu’aucune synchronisation ne le ramène. Action irréversible.',
    'Erased {ids}.':
        '{ids} effacé(s).',
    'Delete these masters by hand: {paths}':
        'Supprimez ces masters à la main : {paths}',
    'Erase failed: {reason}':
        'L’effacement a échoué : {reason}',
    "Joins": "Raccords",
    "Cut": "Coupe franche",
    "Dissolve (8 frames)": "Fondu (8 images)",
    "The campaign's brand file cannot be used ({reason}): the neutral look is used.":
        "Le fichier de marque de la campagne est inutilisable ({reason}) : l’habillage neutre est utilisé.",
    "Toggle flag ({key})": "Basculer le signalement ({key})",
    "Approve": "Approuver",
    "Reject": "Refuser",
    "Approve this message and play the next one": "Approuver ce message et lire le suivant",
    "Reject this message and play the next one": "Refuser ce message et lire le suivant",
    "Flags": "Signalements",
    "Note": "Note",
    "History": "Historique",
    "Approved": "Approuvé",
    "Rejected": "Refusé",
    "To review": "À modérer",
    "For": "Pour",
    "From": "De la part de",
    "Relationship": "Lien",
    "Town": "Ville",
    "Country": "Pays",
    "Received": "Reçu",
    "Broadcast consent": "Accord de diffusion",
    "Clip": "Vidéo",
    "Submission": "Envoi",
    "Nothing selected": "Aucune sélection",
    "Yes": "Oui",
    "No — screening only, never broadcast": "Non — modération seulement, jamais diffusé",
    "{seconds:.1f} s, {width}×{height}": "{seconds:.1f} s, {width}×{height}",
    "Moderation — review desk": "Modération — poste de visionnage",
    "Quarantined: {source}": "En quarantaine : {source}",
    "Every clip in this view is decided.": "Toutes les vidéos de cette vue sont modérées.",
    "This clip cannot be played: {reason}": "Cette vidéo ne peut pas être lue : {reason}",
    "Back to review": "Remis à modérer",
    "{decision}: {id} — saved": "{decision} : {id} — enregistré",
    "Decision not saved": "Décision non enregistrée",
    "The decision could not be saved ({error}). The clip is shown again: decide it once more.":
        "La décision n'a pas pu être enregistrée ({error}). La vidéo est de nouveau affichée : "
        "décidez-la encore une fois.",
    "Nothing to undo.": "Rien à annuler.",
    "Undone: {id}": "Annulé : {id}",
    "{decided} of {total} decided": "{decided} sur {total} modérés",
    "No inbox folder is set: start with --inbox FOLDER.":
        "Aucun dossier de réception : lancez avec --inbox DOSSIER.",
    "Syncing…": "Synchronisation…",
    "Last sync: {added} added, {retry} to retry, {quarantined} quarantined":
        "Dernière synchro : {added} ajoutés, {retry} à réessayer, {quarantined} en quarantaine",
    "Sync failed: {error}": "Échec de la synchro : {error}",
    "{0}×": "{0}×",
    "Next frame": "Image suivante",
    "Position": "Position",
    "Playback speed": "Vitesse de lecture",
    "Volume": "Volume",
    "Pause": "Pause",
    "Play": "Lecture",
    "Unmute": "Rétablir le son",
    "Mute": "Couper le son",
    "{0} / {1}": "{0} / {1}",
    "Quarantined": "En quarantaine",
    "Status": "État",
    "Recipient": "Destinataire",
    "Sender": "Expéditeur",
    "File": "Fichier",
    "Reason": "Motif",
    "Quarantined at": "Mis en quarantaine le",
    "Search names, town, message…": "Chercher un nom, une ville, un message…",
    "All": "Tous",
    "Any flag": "Tous les signalements",
    "All countries": "Tous les pays",
    "Approve and play the next clip": "Approuver et lire la vidéo suivante",
    "Reject and play the next clip": "Refuser et lire la vidéo suivante",
    "Undo the last decision": "Annuler la dernière décision",
    "Write a note": "Écrire une note",
    "Play / pause": "Lecture / pause",
    "Back 5 seconds": "Reculer de 5 secondes",
    "Forward 5 seconds": "Avancer de 5 secondes",
    "Slower": "Plus lent",
    "Faster": "Plus rapide",
    "Mute / unmute": "Couper / rétablir le son",
    "Volume down": "Baisser le volume",
    "Volume up": "Monter le volume",
    "Play from the start": "Reprendre au début",
    "Next clip": "Vidéo suivante",
    "Previous clip": "Vidéo précédente",
    "Next clip to review": "Prochaine vidéo à modérer",
    "Skip and hand the clip back": "Passer et rendre la vidéo",
    "Search names": "Chercher un nom",
    "Show or hide these shortcuts": "Afficher ou masquer ces raccourcis",
    "Sync now": "Synchroniser maintenant",
    "Quit": "Quitter",
    "Toggle flag {n}": "Basculer le signalement {n}",
    "Toggle the flags shown beside each key": "Basculer le signalement indiqué à côté de chaque touche",
    "Decide": "Décider",
    "Playback": "Lecture",
    "Queue": "File",
    "Application": "Application",
    "Keyboard shortcuts": "Raccourcis clavier",
    "Press ? or Esc to close": "Appuyez sur ? ou Échap pour fermer",
    "no video could be decoded from this file": "aucune image n'a pu être décodée dans ce fichier",
    "VLC could not open or decode this file": "VLC n'a pas pu ouvrir ou décoder ce fichier",
    "no picture after {0} s: the file is not a playable video":
        "aucune image après {0} s : le fichier n'est pas une vidéo lisible",
    "VLC could not start this file": "VLC n'a pas pu lancer ce fichier",
    # platform sync (ui/platform_controller.py, sync_status.py, settings_dialog.py, sync_log.py)
    "The platform refused the token: set a new one (Platform…).":
        "La plateforme a refusé le jeton : saisissez-en un nouveau (Plateforme…).",
    "{id} is being handled by another moderator; it has left your queue.":
        "{id} est traité par un autre modérateur ; il a quitté votre file.",
    "{n} clips are being handled by other moderators; they have left your queue.":
        "{n} vidéos sont traitées par d'autres modérateurs ; elles ont quitté votre file.",
    "Platform sync failed: {error}": "Échec de la synchro avec la plateforme : {error}",
    "Decided by someone else": "Décidé par quelqu'un d'autre",
    "Another moderator decided these clips before your decision reached the platform. Nothing was overwritten: "
    "the platform keeps their decision, your history keeps yours.":
        "Un autre modérateur a décidé ces vidéos avant que votre décision n'arrive sur la plateforme. Rien n'a été "
        "écrasé : la plateforme garde sa décision, votre historique garde la vôtre.",
    "Platform account": "Compte plateforme",
    "(unchanged)": "(inchangé)",
    "paste the token": "collez le jeton",
    "Not saved: {reason}.": "Non enregistré : {reason}.",
    "Platform address": "Adresse de la plateforme",
    "Token": "Jeton",
    "The token is kept in the system keyring.": "Le jeton est conservé dans le trousseau du système.",
    "No system keyring is available on this computer: the token is kept for this session only and must be "
    "entered again after a restart. It is never written to a file.":
        "Aucun trousseau système n'est disponible sur cet ordinateur : le jeton est gardé pour cette session "
        "seulement et devra être saisi de nouveau après un redémarrage. Il n'est jamais écrit dans un fichier.",
    "Sync log": "Journal de synchro",
    "Conflicts:": "Conflits :",
    "Platform…": "Plateforme…",
    "Platform: not set up": "Plateforme : non configurée",
    "Platform: token refused": "Plateforme : jeton refusé",
    "Platform: syncing…": "Plateforme : synchronisation…",
    "Platform: connecting…": "Plateforme : connexion…",
    "Online": "En ligne",
    "Offline": "Hors ligne",
    "Downloading {done}/{total} clips ({mb} of {total_mb} MB)":
        "Téléchargement {done}/{total} vidéos ({mb} sur {total_mb} Mo)",
    "Outbox: {n} to send": "Envois : {n} à transmettre",
    "Outbox: all sent": "Envois : tout est transmis",
    "{n} conflicts": "{n} conflits",
    "Last sync: {at}": "Dernière synchro : {at}",
    'yes': 'oui',
    'no': 'non',
    'Checks:': 'Contrôles :',
    'Duration': 'Durée',
    'Picture': 'Image',
    'Orientation': 'Orientation',
    'Frame rate': 'Cadence',
    'Loudness': 'Sonie',
    'True peak': 'Crête vraie',
    'Max short-term': 'Court terme max.',
    'Silence': 'Silence',
    'Sharpness': 'Netteté',
    'Brightness': 'Luminosité',
    'Black head/tail': 'Noir début/fin',
    'Frames with a face': 'Images avec un visage',
    'not checked yet': 'pas encore contrôlé',
    'nothing to report': 'rien à signaler',
    '(same clip as {ids})': '(même vidéo que {ids})',
    'variable': 'variable',
    'Suggested by the automatic checks': 'Suggéré par les contrôles automatiques',
    'too short': 'trop court',
    'too long': 'trop long',
    'portrait': 'vertical',
    'too dark': 'trop sombre',
    'too bright': 'trop clair',
    'blurry': 'flou',
    'black frames': 'images noires',
    'frozen': 'image figée',
    'no face': 'aucun visage',
    'no audio': 'pas de son',
    'silent': 'silencieux',
    'too loud': 'trop fort',
    'clipping': 'saturation',
    'variable frame rate': 'cadence variable',
    'duplicate': 'doublon',
    'unreadable': 'illisible',
    'no loudness measured': 'sonie non mesurée',
    'Checking clips…': 'Contrôle des vidéos…',
    'Checking clips: {done} of {total}': 'Contrôle des vidéos : {done} sur {total}',
    'Checks: {n} clips checked': 'Contrôles : {n} vidéos contrôlées',
    'Checks failed: {error}': 'Échec des contrôles : {error}',
    'Checks': 'Contrôles',
    'Any check result': 'Tous les contrôles',
    'Not checked yet': 'Pas encore contrôlé',
    'Run the clip checks again': 'Relancer les contrôles des vidéos',
    # spot editor (issue 5)
    "{frames} frames · {size:.1f} MB · {w}x{h} at {rate} fps · {audio}\nIntegrated {i} · max short-term {s} · true peak {tp}":
        "{frames} images · {size:.1f} Mo · {w}x{h} à {rate} i/s · {audio}\nIntégrée {i} · court terme max {s} · crête vraie {tp}",
    "Passes every rule of {preset}": "Conforme à toutes les règles de {preset}",
    "Fails {n} rule(s) of {preset}": "Non conforme à {n} règle(s) de {preset}",
    "Rule": "Règle",
    "Expected": "Attendu",
    "Measured": "Mesuré",
    "Result": "Résultat",
    "pass": "conforme",
    "FAIL": "ÉCHEC",
    "Open the spot editor": "Ouvrir l'éditeur de spot",
    "Preview failed: {reason}": "Échec de l'aperçu : {reason}",
    "Spot editor": "Éditeur de spot",
    "Approved clips with broadcast consent": "Vidéos approuvées avec accord de diffusion",
    "Search names, town, message": "Chercher un nom, une ville, un message",
    "Place in the selected slot": "Placer dans l'emplacement choisi",
    "Spot": "Spot",
    "Length": "Durée",
    "Messages": "Messages",
    "Open": "Ouvrir",
    "Save": "Enregistrer",
    "Export…": "Exporter…",
    "Preview": "Aperçu",
    "Fit to length": "Ajuster à la durée",
    "Propose in and out points that make the spot exactly its length":
        "Proposer des points d'entrée et de sortie qui donnent au spot sa durée exacte",
    "Made for": "Destiné à",
    "Slots": "Emplacements",
    "Move up": "Monter",
    "Move down": "Descendre",
    "Remove": "Retirer",
    "In (frame)": "Entrée (image)",
    "Out (frame)": "Sortie (image)",
    "Lower third": "Bandeau",
    "Any findings": "Tous les constats",
    "No findings": "Sans constat",
    "Fitted: every message trimmed around its centre to make the exact length.":
        "Ajusté : chaque message est coupé autour de son centre pour la durée exacte.",
    "Slot {n} is empty.": "L'emplacement {n} est vide.",
    "The spot is not exactly {frames} frames: fit it or trim the messages.":
        "Le spot ne fait pas exactement {frames} images : ajustez-le ou coupez les messages.",
    "{frames} / {target} frames · {tc} / {ttc}": "{frames} / {target} images · {tc} / {ttc}",
    "{n}. (empty)": "{n}. (vide)",
    "Slot {n}: clip {id} is no longer approved.": "Emplacement {n} : la vidéo {id} n'est plus approuvée.",
    "Slot {n}: clip {id} has lost its broadcast consent.":
        "Emplacement {n} : la vidéo {id} n'a plus d'accord de diffusion.",
    "This spot cannot air as it is. Replace these clips:":
        "Ce spot ne peut pas être diffusé tel quel. Remplacez ces vidéos :",
    "Preparing the preview…": "Préparation de l'aperçu…",
    "Preview playing ({w}x{h} proxy).": "Lecture de l'aperçu (version {w}x{h}).",
    "Saved {id}.": "{id} enregistré.",
    "No saved spot {id}.": "Aucun spot enregistré sous {id}.",
    "Export the spot": "Exporter le spot",
    "Choose…": "Choisir…",
    "Preset": "Format de livraison",
    "Export": "Exporter",
    "Cancel export": "Annuler l'export",
    "Rendering {preset}…": "Rendu {preset}…",
    "Cancelling…": "Annulation…",
    "Written: {path}": "Écrit : {path}",
    "Export cancelled; nothing was written.": "Export annulé ; rien n'a été écrit.",
    "Export failed: {reason}": "Échec de l'export : {reason}",
    "Safe area": "Zone de sécurité",
    "Outline the area where titles and logos must stay for the export preset":
        "Montrer la zone où titres et logos doivent rester pour le format de livraison",
    "Intro": "Intro",
    "Outro": "Fin",
    "{n}: empty": "{n} : vide",
    "Decision": "Décision",
    "Undo": "Annulation",
    "Erasure": "Effacement",
    "Purge": "Purge",
    "Spot export": "Export de spot",
    "Access export": "Export pour une demande d'accès",
    "Notification": "Notification",
    "Audit log": "Journal d'audit",
    "Moderator": "Modérateur",
    "Since": "Depuis le",
    "Export CSV…": "Exporter en CSV…",
    "Close": "Fermer",
    "When (UTC)": "Quand (UTC)",
    "Action": "Action",
    "Details": "Détails",
    "Everyone": "Tout le monde",
    "{n} entries": "Entrées : {n}",
    "Export the audit log": "Exporter le journal d'audit",
    "Show the audit log": "Afficher le journal d'audit",
    # About dialog (ui/about.py, F1)
    "About: version and licences": "À propos : version et licences",
    "About moderator-app": "À propos de moderator-app",
    "Free software under the GNU General Public License, version 3 or later. It comes with no warranty.":
        "Logiciel libre sous licence publique générale GNU, version 3 ou ultérieure. Il est fourni sans garantie.",
    "Python {python} · Qt {qt} · PySide6 {pyside} · libVLC {vlc}": "Python {python} · Qt {qt} · PySide6 {pyside} · libVLC {vlc}",
    "Full licence texts and every part's notice: {folder}":
        "Textes complets des licences et notice de chaque composant : {folder}",
    "The licence notices are missing from this installation.":
        "Les notices de licence manquent dans cette installation.",
    # privacy: retention and consent record (ui/review/details.py, queue_model.py, retention.py, spot/editor.py)
    'Terms version': 'Version des conditions',
    'Consent given': 'Accord donné le',
    'Purged on {date}': 'Purgé le {date}',
    'not given': 'non indiquée',
    '{version} — not accepted by the campaign, cannot go into a spot':
        '{version} — non acceptée par la campagne, ne peut pas entrer dans un spot',
    'Purged': 'Purgé',
    'Slot {n}: clip {id} was consented under terms the campaign does not accept.':
        'Case {n} : la vidéo {id} a été autorisée selon des conditions que la campagne n’accepte pas.',
    '{n} submissions purged under the retention rules (clips, names and contacts deleted)':
        '{n} envois purgés selon les règles de conservation (vidéos, noms et coordonnées supprimés)',
    'The retention purge failed: {error}': 'La purge de conservation a échoué : {error}',
}

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "moderator_app_fr.ts"


def fill(ts: Path) -> list[str]:
    """Write the French of every message into ``ts``; return the sources that have none."""
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if source in FR:
            translation.text = FR[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def main() -> int:
    missing = fill(TS)
    for source in missing:
        print(f"no French for: {source!r}", file=sys.stderr)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    subprocess.run([str(lrelease), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
