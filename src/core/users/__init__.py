"""Users: accounts, authentication and (later) profiles and follows."""

from core.users.use_cases.authenticate import Authenticate
from core.users.use_cases.get_current_user import GetCurrentUser
from core.users.use_cases.list_users import ListUsers
from core.users.use_cases.log_in import LogIn, LogInCommand
from core.users.use_cases.register_user import RegisterUser, RegisterUserCommand
from core.users.use_cases.update_user import UpdateUser, UpdateUserCommand

__all__ = [
    "Authenticate",
    "GetCurrentUser",
    "ListUsers",
    "LogIn",
    "LogInCommand",
    "RegisterUser",
    "RegisterUserCommand",
    "UpdateUser",
    "UpdateUserCommand",
]
