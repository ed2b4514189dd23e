;;; clerk.el --- Check meeting minutes with clerk through Eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, wp
;; SPDX-License-Identifier: MIT OR Apache-2.0

;;; Commentary:

;; `minutes-mode', a text mode for council and committee minutes, opened
;; for *.minutes, *.minutes.md and *.minutes.txt, and an Eglot entry that
;; runs `clerk lsp' for it.  Findings appear through Flymake, fixes through
;; `eglot-code-actions', and with clerk running:
;;
;; - C-M-i (`completion-at-point') completes names and abbreviations:
;;   "Ms Jor" becomes "Ms Brigitte Jordaan, Operational Director," on her
;;   first mention, "Ms Jordaan" after;
;; - imenu lists the Items, the Resolutions and the Attendance lists;
;; - long lines wrap at word boundaries (`visual-line-mode').
;;
;;   (add-to-list 'load-path "/path/to/clerk/editors/emacs")
;;   (require 'clerk)
;;   (add-hook 'minutes-mode-hook #'eglot-ensure)
;;
;; The project root is the nearest folder holding clerk.toml (else the
;; version-control root).  Which checks run: `clerk-checks-select',
;; `clerk-checks-extend-select' and `clerk-checks-ignore', sent as
;; initializationOptions; a per-folder
;; choice can go in .dir-locals.el as the `clerk' section of
;; `eglot-workspace-configuration':
;;
;;   ((minutes-mode . ((eglot-workspace-configuration
;;                      . (:clerk (:ignore ["P001"]))))))

;;; Code:

(require 'cl-lib)
(require 'project)
(require 'imenu)
(require 'subr-x)

;; Eglot's, used once it is running; declared so that this file loads and
;; compiles without it.
(defvar eglot-stay-out-of)
(declare-function eglot-managed-p "eglot")
(declare-function eglot--server-capable "eglot")
(declare-function eglot--current-server-or-lose "eglot")
(declare-function eglot--TextDocumentIdentifier "eglot")
(declare-function eglot--range-region "eglot")
(declare-function jsonrpc-request "jsonrpc")

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

(defcustom clerk-checks-extend-select nil
  "Run these checks as well, by code or name, such as those that ship
switched off (\"K001\" action-without-owner, \"K002\" action-without-date,
\"R004\" decision-under-aob)."
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

;;; Imenu

(defconst clerk--symbol-kinds
  '((18 . "Attendance") (3 . "Items") (22 . "Resolutions"))
  "The outline's kinds of entry (LSP symbol kinds) and what a clerk calls them.")

(defun clerk--imenu-from-outline (symbols)
  "An imenu index of SYMBOLS (clerk's outline): Items, Resolutions, Attendance.
A resolution is named with its item's minute number: \"Minute 3: That ...\"."
  (let (groups)
    (cl-labels
        ((walk (symbol minute)
           (let* ((kind (plist-get symbol :kind))
                  (group (alist-get kind clerk--symbol-kinds))
                  (detail (plist-get symbol :detail))
                  (minute (if (and (eql kind 3) (stringp detail)
                                   (string-match "\\`minute \\(.+\\)" detail))
                              (match-string 1 detail)
                            minute))
                  (name (if (and (eql kind 22) minute)
                            (format "Minute %s: %s" minute (plist-get symbol :name))
                          (plist-get symbol :name))))
             (when group
               (push (cons name (car (eglot--range-region (plist-get symbol :selectionRange))))
                     (alist-get group groups nil nil #'equal)))
             (mapc (lambda (child) (walk child minute))
                   (plist-get symbol :children)))))
      (mapc (lambda (symbol) (walk symbol nil)) symbols))
    (delq nil
          (mapcar (lambda (group)
                    (when-let ((entries (alist-get group groups nil nil #'equal)))
                      (cons group (nreverse entries))))
                  '("Items" "Resolutions" "Attendance")))))

(defun clerk-imenu-index ()
  "The imenu index of these minutes, in a clerk's words.
From clerk's outline through Eglot; before clerk runs, the agenda items
`minutes-mode' can see for itself."
  (if (and (fboundp 'eglot-managed-p) (eglot-managed-p)
           (eglot--server-capable :documentSymbolProvider))
      (clerk--imenu-from-outline
       (append (jsonrpc-request (eglot--current-server-or-lose)
                                :textDocument/documentSymbol
                                `(:textDocument ,(eglot--TextDocumentIdentifier))
                                :cancel-on-input t)
               nil))
    (imenu-default-create-index-function)))

;;; The mode

(defvar minutes-mode-map
  (let ((map (make-sparse-keymap)))
    ;; text-mode gives C-M-i to ispell's word completion; in minutes it
    ;; runs `completion-at-point', which Eglot answers from clerk: names
    ;; (with the role on a first mention) and abbreviations.
    (define-key map (kbd "C-M-i") #'completion-at-point)
    map)
  "Keys of `minutes-mode'.")

;;;###autoload
(define-derived-mode minutes-mode text-mode "Minutes"
  "Major mode for council and committee minutes, checked by clerk.
\\<minutes-mode-map>With clerk running through Eglot, \\[completion-at-point] completes
names and abbreviations (Eglot's `completion-at-point-functions'), and
`imenu' lists the Items, Resolutions and Attendance."
  ;; Keywords only (no string or comment syntax), matched case-sensitively.
  (setq-local font-lock-defaults '(minutes-font-lock-keywords t nil))
  (setq-local imenu-generic-expression
              `(("Items" ,(concat "^\\(" clerk--item-number "[ \t]+[^T\n].*\\)$") 1)))
  (setq-local imenu-create-index-function #'clerk-imenu-index)
  ;; Eglot's own index groups the outline by protocol kinds ("Namespace",
  ;; "EnumMember"): it is kept out, and `clerk-imenu-index' used instead.
  (setq-local eglot-stay-out-of
              (cons "imenu" (and (boundp 'eglot-stay-out-of) eglot-stay-out-of)))
  ;; Minutes are prose: long lines wrap at word boundaries.
  (visual-line-mode 1)
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
          (and clerk-checks-extend-select
               (list :extendSelect (vconcat clerk-checks-extend-select)))
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
