;;; clerk.el --- Check meeting minutes with clerk through Eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, wp
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; `minutes-mode', a text mode for council and committee minutes, opened
;; for *.minutes, *.minutes.md and *.minutes.txt, and an Eglot entry that
;; runs `clerk lsp' for it.  Findings appear through Flymake, agenda items
;; in imenu, and fixes through `eglot-code-actions'.
;;
;;   (add-to-list 'load-path "/path/to/clerk/editors/emacs")
;;   (require 'clerk)
;;   (add-hook 'minutes-mode-hook #'eglot-ensure)
;;
;; The project root is the nearest folder holding clerk.toml (else the
;; version-control root).  Which checks run: `clerk-checks-select' and
;; `clerk-checks-ignore', sent as initializationOptions; a per-folder
;; choice can go in .dir-locals.el as the `clerk' section of
;; `eglot-workspace-configuration':
;;
;;   ((minutes-mode . ((eglot-workspace-configuration
;;                      . (:clerk (:ignore ["P001"]))))))

;;; Code:

(require 'project)

(defgroup clerk nil
  "Checking meeting minutes with clerk."
  :group 'text
  :prefix "clerk-")

(defcustom clerk-server-command '("clerk" "lsp")
  "How to start the clerk language server: program and arguments.
Install clerk with `cargo install --path .' in the clerk repository, or
give the program's full path here."
  :type '(repeat string))

(defcustom clerk-checks-select nil
  "Run only these checks, by code or name (\"A001\", \"undefined-abbreviation\").
Nil runs every check clerk.toml enables."
  :type '(repeat string))

(defcustom clerk-checks-ignore nil
  "Never run these checks, by code or name (\"P001\", \"missing-speaker-role\")."
  :type '(repeat string))

(defconst clerk--item-number
  "\\(?:#\\{1,6\\}[ \t]+\\)?\\(?:[A-Z]+/\\)?[0-9]+\\(?:\\.[0-9]+\\)*\\\\?\\."
  "A minute number as clerks write it: 1. / ## 3. / 6\\. / 118.2. / CELS/12.")

(defvar minutes-font-lock-keywords
  `(;; Agenda item headings: "1. Apologies", "## 3. Minutes", "276." alone.
    (,(concat "^\\(" clerk--item-number "\\)[ \t]+\\(?:That\\|RESOLVED\\)\\b")
     (1 'font-lock-constant-face))
    (,(concat "^\\(" clerk--item-number "\\)\\(?:[ \t]+\\(.*\\)\\)?$")
     (1 'font-lock-constant-face) (2 'font-lock-function-name-face nil t))
    ("^Agenda item[ \t]*$" . 'font-lock-keyword-face)
    ("^\\(?:#\\{1,6\\}[ \t]+\\)?\\([A-Z][A-Z0-9 ,&'’()-]*[A-Z]\\)[ \t]*$" 1 'font-lock-function-name-face)
    ;; Section labels and attendance lines.
    (,(concat "^[ \t]*\\(" (regexp-opt '("Minutes" "Decision" "Decisions" "Supporting documents"
                                         "Additional documents" "Background documents" "Action"
                                         "Actions" "Recommendations"))
              "\\):[ \t]*$")
     1 'font-lock-keyword-face)
    (,(concat "^[ \t]*\\(" (regexp-opt '("Present" "Also present" "In attendance" "Apologies"
                                         "Apologies for absence" "Absent" "Secretariat"))
              "\\):")
     1 'font-lock-keyword-face)
    ;; Decisions and their numbers.
    ("\\<\\(?:RESOLVED\\|AGREED\\|DECISION\\|DECIDED\\)\\>" . 'font-lock-builtin-face)
    ("^[ \t]*\\(([a-z])\\|([ivx]+)\\|[0-9]+\\(?:\\.[0-9]+\\)*\\.?\\)[ \t]+That\\>" 1 'font-lock-constant-face)
    ;; Abbreviations: MASH, NCC-HD, UASCs, DfE, DfE's.
    ("\\<\\(?:[A-Z]\\{2,\\}\\(?:-[A-Z]\\{2,\\}\\)*\\|[A-Z][a-z]\\{1,2\\}[A-Z]\\{1,3\\}\\)\\(?:s\\|['’]s\\)?\\>"
     . 'font-lock-type-face))
  "What `minutes-mode' highlights.")

;;;###autoload
(define-derived-mode minutes-mode text-mode "Minutes"
  "Major mode for council and committee minutes, checked by clerk.
\\<minutes-mode-map>Agenda items are listed by `imenu' (through Eglot when
clerk runs)."
  ;; Keywords only (no string or comment syntax), matched case-sensitively.
  (setq-local font-lock-defaults '(minutes-font-lock-keywords t nil))
  (setq-local imenu-generic-expression
              `((nil ,(concat "^\\(" clerk--item-number "[ \t]+[^T\n].*\\)$") 1)))
  (add-hook 'project-find-functions #'clerk--project-find nil t))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.minutes\\(?:\\.md\\|\\.txt\\)?\\'" . minutes-mode))

(defun clerk--project-find (directory)
  "The folder of the nearest clerk.toml above DIRECTORY, as a project."
  (when-let ((root (locate-dominating-file directory "clerk.toml")))
    (cons 'clerk (expand-file-name root))))

(cl-defmethod project-root ((project (head clerk)))
  (cdr project))

(defun clerk--initialization-options (_server)
  "The checks settings sent to clerk when it starts.
An empty select is left out: the server would read it as \"run no check\"."
  (append (and clerk-checks-select (list :select (vconcat clerk-checks-select)))
          (list :ignore (vconcat clerk-checks-ignore))))

(defun clerk--server-contact (&optional _interactive)
  "The Eglot contact for clerk, or an error that says how to install it."
  (let ((program (car clerk-server-command)))
    (unless (executable-find program)
      (user-error "Clerk cannot check these minutes: the program %S was not found.  \
Install it with `cargo install --path .' in the clerk repository, \
or set `clerk-server-command' to its full path" program))
    (append clerk-server-command
            (list :initializationOptions #'clerk--initialization-options))))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(minutes-mode . clerk--server-contact)))

(provide 'clerk)
;;; clerk.el ends here
