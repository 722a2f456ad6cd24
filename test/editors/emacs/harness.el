;;; harness.el --- the Emacs test's user  -*- lexical-binding: t -*-

;; Runs after the README's eglot config: opens each case's file as a user would, waits for the server's diagnostics
;; (through flymake, as eglot shows them), asks for completion (eglot's completion-at-point) and hover (eglot's eldoc
;; function) where the case says, writes what Emacs got to a JSON file for the test to assert on, and exits. Every
;; wait polls with a deadline; nothing sleeps a fixed time.

(require 'json)
(require 'cl-lib)
(require 'eglot)

;; Emacs 28 has no json-mode (it opens .json in js-mode), and Debian packages none: this stand-in plays MELPA's
;; json-mode, a mode derived from js-mode, so that the README's json-mode entry has buffers to manage.
(unless (fboundp 'json-mode)
  (define-derived-mode json-mode js-mode "JSON" "Stand-in for MELPA's json-mode.")
  (add-to-list 'auto-mode-alist '("\\.json\\'" . json-mode)))

;; Connect before eglot-ensure returns instead of after 3 s, so "no server" means it failed to start.
(setq eglot-sync-connect t)

(defvar harness-start-directory default-directory
  "Where Emacs started: relative paths given to the harness are relative to it, not to the file last visited.")

(defvar harness-wait-seconds (string-to-number (or (getenv "AUTH0_EMACS_WAIT_SECONDS") "15")))

(defvar harness-publications (make-hash-table :test 'equal)
  "Diagnostics in the last publication received, by uri: \"answered\" is then observable even when the list is empty,
and what the server sent is known whether or not flymake has taken it yet.")
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (puthash (plist-get params :uri) (length (plist-get params :diagnostics)) harness-publications))))

(defun harness-wait (predicate)
  "Poll PREDICATE while processing the server's output, until it is true or the wait runs out.
Each round runs what the command loop and redisplay would run after a key a user presses: `post-command-hook' and
the window-configuration-change hooks. Flymake starts checking a newly opened buffer from one of those (once it
is displayed), and only then takes the diagnostics eglot holds for it; batch Emacs has neither loop."
  (let ((deadline (+ (float-time) harness-wait-seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (run-hooks 'post-command-hook)
      (run-window-configuration-change-hook)
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun harness-goto (position)
  (goto-char (point-min))
  (forward-line (alist-get 'line position))
  (forward-char (alist-get 'character position)))

(defun harness-run-case (case)
  (find-file (alist-get 'path case))
  ;; eglot-ensure connects from post-command-hook, which only the command loop runs (see harness-wait).
  (run-hooks 'post-command-hook)
  (let* ((uri (eglot--path-to-uri buffer-file-name))
         (server (eglot-current-server))
         (want-diagnostics (equal (alist-get 'waitFor case) "diagnostics"))
         (started (float-time))
         (got `((path . ,(alist-get 'path case)) (mode . ,(symbol-name major-mode)))))
    (cond
     ((not server) (push '(error . "no eglot server manages this buffer") got))
     ((not (harness-wait (lambda () (or (not (jsonrpc-running-p server))
                                        (if want-diagnostics
                                            (flymake-diagnostics)
                                          (gethash uri harness-publications))))))
      (push `(error . ,(format "no diagnostics within %s s" harness-wait-seconds)) got))
     ((not (jsonrpc-running-p server)) (push '(error . "the server stopped") got))
     (t
      (push `(waitedMs . ,(round (* 1000 (- (float-time) started)))) got)
      (push `(published . ,(gethash uri harness-publications)) got)
      (push `(diagnostics
              . ,(vconcat
                  (mapcar (lambda (d)
                            `((line . ,(1- (line-number-at-pos (flymake-diagnostic-beg d))))
                              (message . ,(flymake-diagnostic-text d))))
                          (flymake-diagnostics))))
            got)
      (when (alist-get 'completionAt case)
        (harness-goto (alist-get 'completionAt case))
        (pcase-let ((`(,beg ,end ,table . ,_) (eglot-completion-at-point)))
          (push `(completion . ,(vconcat (mapcar #'substring-no-properties
                                                 (all-completions (buffer-substring beg end) table))))
                got)))
      (when (alist-get 'hoverAt case)
        (harness-goto (alist-get 'hoverAt case))
        (let ((hover nil))
          (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
          (harness-wait (lambda () hover))
          (push `(hover . ,(and hover (substring-no-properties hover))) got)))))
    got))

(let ((results '()) (errors '()))
  (dolist (case (append (json-read-file (expand-file-name (getenv "AUTH0_EMACS_CASES") harness-start-directory)) nil))
    (condition-case err
        (push (harness-run-case case) results)
      (error (push (format "%s: %S" (alist-get 'path case) err) errors))))
  (with-temp-file (expand-file-name (getenv "AUTH0_EMACS_RESULTS") harness-start-directory)
    (insert (json-encode `((cases . ,(vconcat (nreverse results))) (errors . ,(vconcat (nreverse errors))))))))
(kill-emacs 0)
