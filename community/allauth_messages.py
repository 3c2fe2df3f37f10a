"""The django-allauth messages our pages and e-mails show, so that our catalogue keeps them.

allauth ships German in the formal "Sie" and English in Title Case; our site says "du"
and writes sentence case. Django reads LOCALE_PATHS before the apps' catalogues, so a
msgid translated in community/locale wins over allauth's own translation. But
`makemessages` only extracts from our code: an entry that exists only for allauth would
be dropped as obsolete on the next run. Listing the msgids here (never called at run time,
only read by makemessages) keeps them in both catalogues, where they are translated:
German with "du" and our terms ("Anmelden", "Benutzername"), English in sentence case
with "e-mail" and "sign in".

What is listed: the strings of allauth's templates we serve (account, mfa, socialaccount;
not the ones templates/ overrides, nor features that are switched off: passkeys,
WebAuthn, phone numbers, sign-in by code, trusted browsers) and of its forms and
adapters. tests/community/test_allauth_messages.py extracts them from the installed
allauth and fails with the lines to add here when an upgrade brings new ones.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

MESSAGES = (
    # account/account_inactive.html
    gettext_noop("Account Inactive"),
    gettext_noop("This account is inactive."),
    # account/adapter.py
    gettext_noop("Send me a sign-in code"),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Use a security key"),
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect code."),
    gettext_noop("Incorrect password."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("Invalid login."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("Username can not be used. Please use other username."),
    gettext_noop("The username and/or password you specified are not correct."),
    gettext_noop("Please select only one."),
    gettext_noop("The new value must be different from the current one."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Use your password"),
    gettext_noop("Use authenticator app or code"),
    # account/base_confirm_code.html
    gettext_noop(
        "We've sent a code to %(recipient)s. The code expires shortly, so please enter it soon."
    ),
    gettext_noop("Confirm"),
    gettext_noop("Request new code"),
    gettext_noop("Cancel"),
    # account/base_reauthenticate.html
    gettext_noop("Confirm Access"),
    gettext_noop("Please reauthenticate to safeguard your account."),
    gettext_noop("Alternative options"),
    # account/confirm_reauthentication_code.html
    gettext_noop("Enter Sign-In Code"),
    # account/email.html
    gettext_noop("Email Addresses"),
    gettext_noop("The following email addresses are associated with your account:"),
    gettext_noop("Verified"),
    gettext_noop("Unverified"),
    gettext_noop("Primary"),
    gettext_noop("Make Primary"),
    gettext_noop("Re-send Verification"),
    gettext_noop("Remove"),
    gettext_noop("Add Email Address"),
    gettext_noop("Add Email"),
    gettext_noop("Do you really want to remove the selected email address?"),
    # account/email_change.html
    gettext_noop("Email Address"),
    gettext_noop("Current email"),
    gettext_noop("Changing to"),
    gettext_noop("Your email address is still pending verification."),
    gettext_noop("Cancel Change"),
    gettext_noop("Change to"),
    gettext_noop("Change Email"),
    # account/email_confirm.html
    gettext_noop("Confirm Email Address"),
    gettext_noop(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    gettext_noop(
        "Unable to confirm %(email)s because it is already confirmed by a different account."
    ),
    gettext_noop(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    # account/fields.py
    gettext_noop("Email"),
    gettext_noop("Forgot your password?"),
    gettext_noop("Email address"),
    # account/forms.py
    gettext_noop("Password"),
    gettext_noop("Remember Me"),
    gettext_noop("Username"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    gettext_noop("Password (again)"),
    gettext_noop("Code"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Username or email"),
    gettext_noop("Email (optional)"),
    gettext_noop("Username (optional)"),
    gettext_noop("Email (again)"),
    gettext_noop("You must type the same email each time."),
    pgettext_lazy("field label", "Login"),
    gettext_noop("Email address confirmation"),
    # account/login.html
    gettext_noop("Sign In"),
    gettext_noop(
        "If you have not created an account yet, then please %(link)ssign up%(end_link)s first."
    ),
    gettext_noop("Sign in with a passkey"),
    # account/logout.html
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    # account/messages/cannot_delete_primary_email.txt
    gettext_noop("You cannot remove your primary email address (%(email)s)."),
    # account/messages/email_confirmation_sent.txt
    gettext_noop("Confirmation email sent to %(email)s."),
    # account/messages/email_confirmed.txt
    gettext_noop("You have confirmed %(email)s."),
    # account/messages/email_deleted.txt
    gettext_noop("Removed email address %(email)s."),
    # account/messages/login_code_sent.txt
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    # account/messages/logged_in.txt
    gettext_noop("Successfully signed in as %(name)s."),
    # account/messages/logged_out.txt
    gettext_noop("You have signed out."),
    # account/messages/password_changed.txt
    gettext_noop("Password successfully changed."),
    # account/messages/password_set.txt
    gettext_noop("Password successfully set."),
    # account/messages/primary_email_set.txt
    gettext_noop("Primary email address set."),
    # account/password_change.html
    gettext_noop("Change Password"),
    # account/password_reset.html
    gettext_noop("Password Reset"),
    gettext_noop(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_noop("Reset My Password"),
    gettext_noop("Please contact us if you have any trouble resetting your password."),
    # account/password_reset_done.html
    gettext_noop(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    # account/password_reset_from_key.html
    gettext_noop("Bad Token"),
    gettext_noop(
        'The password reset link was invalid, possibly because it has already been used.  Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    # account/password_reset_from_key_done.html
    gettext_noop("Your password is now changed."),
    # account/password_set.html
    gettext_noop("Set Password"),
    # account/reauthenticate.html
    gettext_noop("Enter your password:"),
    # account/request_reauthentication_code.html
    gettext_noop("Request Code"),
    # account/signup.html
    gettext_noop("Signup"),
    gettext_noop("Sign Up"),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Sign up using a passkey"),
    # account/signup_closed.html
    gettext_noop("Sign Up Closed"),
    gettext_noop("We are sorry, but the sign up is currently closed."),
    # account/snippets/already_logged_in.html
    gettext_noop("Note"),
    gettext_noop("You are already logged in as %(user_display)s."),
    # account/snippets/warn_no_email.html
    gettext_noop("Warning:"),
    gettext_noop(
        "You currently do not have any email address set up. You should really add an email address so you can receive notifications, reset your password, etc."
    ),
    # account/verification_sent.html
    gettext_noop("Verify Your Email Address"),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup process. If you do not see the verification email in your main inbox, check your spam folder. Please contact us if you do not receive the verification email within a few minutes."
    ),
    # account/verified_email_required.html
    gettext_noop(
        "This part of the site requires us to verify that\nyou are who you claim to be. For this purpose, we require that you\nverify ownership of your email address. "
    ),
    gettext_noop(
        "We have sent an email to you for\nverification. Please click on the link inside that email. If you do not see the verification email in your main inbox, check your spam folder. Otherwise\ncontact us if you do not receive it within a few minutes."
    ),
    gettext_noop(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.'
    ),
    # mfa/adapter.py
    gettext_noop(
        "You cannot add an email address to an account protected by two-factor authentication."
    ),
    gettext_noop("You cannot deactivate two-factor authentication."),
    gettext_noop(
        "You cannot generate recovery codes without having two-factor authentication enabled."
    ),
    gettext_noop(
        "You cannot activate two-factor authentication until you have verified your email address."
    ),
    gettext_noop("Master key"),
    gettext_noop("Backup key"),
    gettext_noop("Key nr. {number}"),
    # mfa/authenticate.html
    gettext_noop("Two-Factor Authentication"),
    gettext_noop(
        "Your account is protected by two-factor authentication. Please enter an authenticator code:"
    ),
    # mfa/index.html
    gettext_noop("Authenticator App"),
    gettext_noop("Authentication using an authenticator app is active."),
    gettext_noop("An authenticator app is not active."),
    gettext_noop("Deactivate"),
    gettext_noop("Activate"),
    gettext_noop("Security Keys"),
    ngettext_lazy(
        "You have added %(count)s security key.", "You have added %(count)s security keys."
    ),
    gettext_noop("No security keys have been added."),
    gettext_noop("Manage"),
    gettext_noop("Add"),
    gettext_noop("Recovery Codes"),
    ngettext_lazy(
        "There is %(unused_count)s out of %(total_count)s recovery codes available.",
        "There are %(unused_count)s out of %(total_count)s recovery codes available.",
    ),
    gettext_noop("No recovery codes set up."),
    gettext_noop("View"),
    gettext_noop("Download"),
    gettext_noop("Generate"),
    # mfa/messages/recovery_codes_generated.txt
    gettext_noop("A new set of recovery codes has been generated."),
    gettext_noop("Save them  in a secure location now — they won't be shown again."),
    # mfa/messages/totp_activated.txt
    gettext_noop("Authenticator app activated."),
    # mfa/messages/totp_deactivated.txt
    gettext_noop("Authenticator app deactivated."),
    # mfa/reauthenticate.html
    gettext_noop("Enter an authenticator code:"),
    # mfa/recovery_codes/generate.html
    gettext_noop("You are about to generate a new set of recovery codes for your account."),
    gettext_noop("This action will invalidate your existing codes."),
    gettext_noop("Are you sure?"),
    # mfa/recovery_codes/index.html
    gettext_noop("Unused codes"),
    gettext_noop("Download codes"),
    gettext_noop("Generate new codes"),
    gettext_noop("I have saved my recovery codes"),
    # mfa/totp/activate_form.html
    gettext_noop("Activate Authenticator App"),
    gettext_noop(
        "To protect your account with two-factor authentication, scan the QR code below with your authenticator app. Then, input the verification code generated by the app below."
    ),
    gettext_noop("Authenticator secret"),
    gettext_noop(
        "You can store this secret and use it to reinstall your authenticator app at a later time."
    ),
    # mfa/totp/deactivate_form.html
    gettext_noop("Deactivate Authenticator App"),
    gettext_noop(
        "You are about to deactivate authenticator app based authentication. Are you sure?"
    ),
    # mfa/totp/forms.py
    gettext_noop("Authenticator code"),
    # socialaccount/adapter.py
    gettext_noop("The third-party account is already connected to a different account."),
    gettext_noop(
        "An account already exists with this email address. Please sign in to that account first, then connect your %s account."
    ),
    gettext_noop("Invalid token."),
    gettext_noop("Your account has no password set up."),
    gettext_noop("Your account has no verified email address."),
    gettext_noop("You cannot disconnect your last remaining third-party account."),
    # socialaccount/authentication_error.html
    gettext_noop("Third-Party Login Failure"),
    gettext_noop("An error occurred while attempting to login via your third-party account."),
    # socialaccount/connections.html
    gettext_noop("Account Connections"),
    gettext_noop(
        "You can sign in to your account using any of the following third-party accounts:"
    ),
    gettext_noop("You currently have no third-party accounts connected to this account."),
    gettext_noop("Add a Third-Party Account"),
    # socialaccount/login.html
    gettext_noop("Connect %(provider)s"),
    gettext_noop("You are about to connect a new third-party account from %(provider)s."),
    gettext_noop("Sign In Via %(provider)s"),
    gettext_noop("You are about to sign in using a third-party account from %(provider)s."),
    gettext_noop("Continue"),
    # socialaccount/login_cancelled.html
    gettext_noop("Login Cancelled"),
    gettext_noop(
        'You decided to cancel logging in to our site using one of your existing accounts. If this was a mistake, please proceed to <a href="%(login_url)s">sign in</a>.'
    ),
    # socialaccount/messages/account_connected.txt
    gettext_noop("The third-party account has been connected."),
    # socialaccount/messages/account_disconnected.txt
    gettext_noop("The third-party account has been disconnected."),
    # socialaccount/signup.html
    gettext_noop(
        "You are about to use your %(provider_name)s account to login to\n%(site_name)s. As a final step, please complete the following form:"
    ),
    # socialaccount/snippets/login.html
    gettext_noop("Or use a third-party"),
    # Django's own, on allauth's forms (Django's English writes "email").
    gettext_noop("Enter a valid email address."),
)
