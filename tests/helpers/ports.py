from lotse.supervisor import free_port

__all__ = ["free_port"]
