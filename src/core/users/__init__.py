"""Users: accounts, authentication, and their administration."""

from core.users.use_cases.account_admin import AccountAction, account_actions
from core.users.use_cases.authenticate import Authenticate
from core.users.use_cases.ban_user import BanUser
from core.users.use_cases.create_account import CreateAccount
from core.users.use_cases.delete_user import DeleteUser
from core.users.use_cases.end_session import EndSession
from core.users.use_cases.force_logout import ForceLogout
from core.users.use_cases.get_current_user import GetCurrentUser
from core.users.use_cases.list_sessions import ListSessions
from core.users.use_cases.list_users import ListUsers
from core.users.use_cases.log_in import LogIn, LogInCommand
from core.users.use_cases.register_user import RegisterUser, RegisterUserCommand
from core.users.use_cases.set_password import SetPassword
from core.users.use_cases.set_role import SetRole
from core.users.use_cases.show_user import ShowUser
from core.users.use_cases.unban_user import UnbanUser
from core.users.use_cases.update_user import UpdateUser, UpdateUserCommand

__all__ = [
    "AccountAction",
    "Authenticate",
    "BanUser",
    "CreateAccount",
    "DeleteUser",
    "EndSession",
    "ForceLogout",
    "GetCurrentUser",
    "ListSessions",
    "ListUsers",
    "LogIn",
    "LogInCommand",
    "RegisterUser",
    "RegisterUserCommand",
    "SetPassword",
    "SetRole",
    "ShowUser",
    "UnbanUser",
    "UpdateUser",
    "UpdateUserCommand",
    "account_actions",
]
