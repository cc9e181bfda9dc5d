import React from 'react';
import ReactDOM from 'react-dom/client';
import Tasks from './Tasks.jsx';
import './styles.css';

ReactDOM.createRoot(document.getElementById('app')).render(<Tasks />);
